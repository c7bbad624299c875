/**
 * What Osprey's test fragments share (a fragment cannot see another fragment's classes): where the corpus and the
 * test output are. Test code only; no product bundle depends on it.
 */
package org.osprey.testing;
