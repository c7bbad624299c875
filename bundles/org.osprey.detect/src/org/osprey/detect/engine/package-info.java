/**
 * The detection engine's service API, for Osprey's own bundles (the client, the agent, {@code osprey analyze}, the
 * views). Exported, usable, not yet promised to third parties (see docs/api-policy.md).
 * <p>
 * {@link org.osprey.detect.engine.DetectionEngine} runs every {@link org.osprey.detect.Detector} service over a
 * {@link org.osprey.detect.engine.PacketSource}; {@link org.osprey.detect.engine.AlertStore} holds the client's
 * alerts for the views.
 */
package org.osprey.detect.engine;
