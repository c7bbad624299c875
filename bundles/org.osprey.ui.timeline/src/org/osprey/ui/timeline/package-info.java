/**
 * The Timeline view: packet time from left to right, traffic density as a histogram and heat strip, and marks such
 * as alerts. {@link org.osprey.ui.timeline.TimelinePart} is the e4 part (bottom part stack);
 * {@link org.osprey.ui.timeline.TimelineMarkers} is the OSGi service through which other bundles put marks on it.
 * Osprey's own bundles may use this package; it is not promised to third parties (see docs/api-policy.md).
 */
package org.osprey.ui.timeline;
