/**
 * DNS tunnelling: {@link org.osprey.detect.builtin.internal.dns.DnsTunnelDetector} counts, per client and registered
 * domain, the queries whose names look encoded (long, or of high character entropy) and the distinct subdomains asked
 * within a window of packet time.
 */
package org.osprey.detect.builtin.internal.dns;
