/**
 * The detector SPI, promised to plugin authors (see docs/detector-sdk.md for the versioning promise).
 * <p>
 * A detector is an OSGi service: register a {@link org.osprey.detect.Detector} with Declarative Services
 * ({@code @Component(service = Detector.class)}). The engine picks it up while the stream runs and gives each of its
 * runs (the client's live stream, the agent's, a capture file analysed headless) a fresh
 * {@link org.osprey.detect.PacketInspector} from {@link org.osprey.detect.Detector#start}, so state never leaks between
 * runs. The inspector sees every packet its {@link org.osprey.detect.Detector#filter() filter} accepts, in capture
 * order, on one thread, and raises {@link org.osprey.detect.Alert alerts} through the
 * {@link org.osprey.detect.AlertSink}.
 * <p>
 * Time always comes from packet timestamps ({@link org.osprey.core.PacketSummary#timestampNanos()}), never from the
 * wall clock, so replaying a capture gives the same alerts as seeing it live.
 */
package org.osprey.detect;
