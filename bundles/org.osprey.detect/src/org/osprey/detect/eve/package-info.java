/**
 * Alerts as Suricata EVE JSON lines ({@link org.osprey.detect.eve.EveJson}), for {@code osprey analyze}, the agent's
 * {@code --eve} file and its alerts channel, and any SIEM that reads Suricata's {@code eve.json}.
 */
package org.osprey.detect.eve;
