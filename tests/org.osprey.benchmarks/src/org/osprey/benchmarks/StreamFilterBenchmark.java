package org.osprey.benchmarks;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.osprey.core.PacketSummary;
import org.osprey.stream.DisplayFilter;
import org.osprey.stream.FilterSyntaxException;

/**
 * Display-filter evaluations per second over the benchmark mix's packets (one operation is one packet tested); run
 * with {@code -prof gc} to see that matching allocates nothing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
public class StreamFilterBenchmark {

    @Param({ "tcp.port == 80", "ip.addr == 10.0.0.0/8 && tcp.port in {80 443 8000..8080}",
            "tcp.flags.syn == 1 && tcp.flags.ack == 0 || frame.len > 1000", "dns.qry.name matches \"[a-z0-9]{12,}\"" })
    public String filterText;

    private PacketSummary[] packets;
    private DisplayFilter filter;

    @Setup(Level.Trial)
    public void setUp() throws IOException, FilterSyntaxException {
        packets = StreamBenchmark.benchmarkPackets();
        filter = DisplayFilter.compile(filterText);
    }

    @Benchmark
    @OperationsPerInvocation(1 << 16)
    public int matchAll() {
        int matched = 0;
        for (PacketSummary p : packets) {
            if (filter.matches(p)) {
                matched++;
            }
        }
        return matched;
    }
}
