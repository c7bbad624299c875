/**
 * Reports what happens in the drop-in folder that Felix File Install watches: detector bundles started and removed,
 * jars that are no bundle, bundles that do not resolve. No API: the folder itself is the interface (see
 * docs/detector-sdk.md).
 */
package org.osprey.detect.dropin.internal;
