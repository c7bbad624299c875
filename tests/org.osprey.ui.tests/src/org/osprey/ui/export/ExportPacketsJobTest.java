package org.osprey.ui.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osprey.core.PacketSummary;
import org.osprey.core.io.CaptureFiles;
import org.osprey.core.io.CaptureReader;
import org.osprey.testing.TestFiles;
import org.osprey.ui.tests.Wireshark;

/** The export job against Wireshark's reading of what it wrote. */
class ExportPacketsJobTest {

    private static final String SYN_SCAN = "pcaps/scan/synscan.pcapng";
    private static final String ESPN = "pcaps/benign/http_espn.pcapng";
    private static final String RAW_IPV4 = "pcaps/malformed/LINKTYPE_RAW_ipv4.pcap";

    @TempDir
    Path folder;

    @Test
    void exportsEveryPacketOfACorpusCaptureAsWiresharkReadsTheOriginal() throws Exception {
        Path original = TestFiles.corpus(SYN_SCAN);
        Path exported = folder.resolve("all.pcapng");
        ExportPacketsJob job = new ExportPacketsJob(read(original), exported);
        job.schedule();
        assertTrue(job.join(120_000, null), "the export finished");
        assertTrue(job.getResult().isOK(), "result: " + job.getResult());

        List<String[]> expected = Wireshark.packets(original);
        List<String[]> actual = Wireshark.packets(exported);
        assertEquals(Wireshark.capinfos(original, "-c")[1], Wireshark.capinfos(exported, "-c")[1], "capinfos count");
        assertEquals(expected.size(), actual.size());
        assertEquals(expected.size(), job.packetsWritten());
        for (int i = 0; i < expected.size(); i++) {
            assertSamePacket(expected.get(i), actual.get(i), i);
        }
        assertEquals("pcapng", Wireshark.capinfos(exported, "-t")[1], "file type");
        assertFalse(Files.exists(folder.resolve("all.pcapng.part")), "no partial file left");
    }

    @Test
    void exportsASubsetWithNanosecondTimesAndOneInterfacePerLinkType() throws Exception {
        List<PacketSummary> espn = read(TestFiles.corpus(ESPN));
        PacketSummary raw = read(TestFiles.corpus(RAW_IPV4)).get(0);
        List<PacketSummary> subset = new ArrayList<>();
        for (int i = 0; i < espn.size(); i += 7) {
            PacketSummary p = espn.get(i);
            // nanoseconds the microsecond corpus cannot have; interface ids that must not matter
            subset.add(PacketSummary.ofFrame(p.frame(), p.capturedLength(), p.wireLength(), p.linkType(), 5,
                    p.timestampNanos() + 1 + i % 999));
            if (i % 70 == 0) {
                subset.add(PacketSummary.ofFrame(raw.frame(), raw.capturedLength(), raw.wireLength(), raw.linkType(),
                        5, raw.timestampNanos() + i));
            }
        }
        Path exported = folder.resolve("subset.pcapng");
        ExportPacketsJob job = new ExportPacketsJob(subset, exported);
        assertEquals(IStatus.OK, job.run(new NullProgressMonitor()).getSeverity());

        List<String[]> rows = Wireshark.packets(exported);
        assertEquals(subset.size(), rows.size());
        for (int i = 0; i < subset.size(); i++) {
            PacketSummary p = subset.get(i);
            String[] expected = { seconds(p.timestampNanos()), String.valueOf(p.wireLength()),
                    String.valueOf(p.capturedLength()), md5(p) };
            assertSamePacket(expected, rows.get(i), i);
        }
        String[] encapsulation = Wireshark.capinfos(exported, "-E");
        assertEquals("per-packet", encapsulation[1], "two link types in one file");
        List<String> interfaces = Wireshark.fields(exported, "frame.interface_id");
        for (int i = 0; i < subset.size(); i++) {
            String expected = subset.get(i).linkType() == espn.get(0).linkType() ? "0" : "1";
            assertEquals(expected, interfaces.get(i), "interface of packet " + (i + 1) + ": one per link type");
        }
    }

    @Test
    void progressCountsPacketsAndSaysHowManyAreWritten() throws IOException {
        List<PacketSummary> packets = read(TestFiles.corpus(SYN_SCAN));
        List<String> subTasks = new ArrayList<>();
        int[] totalAndWorked = new int[2];
        NullProgressMonitor recording = new NullProgressMonitor() {
            @Override
            public void beginTask(String name, int totalWork) {
                totalAndWorked[0] = totalWork;
            }

            @Override
            public void worked(int work) {
                totalAndWorked[1] += work;
            }

            @Override
            public void subTask(String name) {
                subTasks.add(name);
            }
        };
        ExportPacketsJob job = new ExportPacketsJob(packets, folder.resolve("progress.pcapng"));
        assertEquals(IStatus.OK, job.run(recording).getSeverity());
        assertEquals(2011, packets.size());
        // reported once per 1,024 packets: the share written then (SubMonitor scales the units)
        assertEquals(1024.0 / 2011, (double) totalAndWorked[1] / totalAndWorked[0], 0.002, "share reported");
        assertEquals(List.of("1,024 of 2,011 packets"), subTasks);
    }

    @Test
    void aCancelledExportLeavesTheFileThatWasThereUntouched() throws IOException {
        Path target = folder.resolve("keep.pcapng");
        Files.writeString(target, "older export");
        NullProgressMonitor cancelled = new NullProgressMonitor();
        cancelled.setCanceled(true);
        ExportPacketsJob job = new ExportPacketsJob(read(TestFiles.corpus(SYN_SCAN)), target);
        assertEquals(IStatus.CANCEL, job.run(cancelled).getSeverity());
        assertEquals("older export", Files.readString(target));
        assertFalse(Files.exists(folder.resolve("keep.pcapng.part")), "no partial file left");
    }

    @Test
    void aFullDiskEndsInAMessageSayingSoAndLeavesNothingBehind() throws Exception {
        Path disk = Files.createDirectories(folder.resolve("small-disk"));
        // a real full disk: a 64 KiB tmpfs (the tests run as root); the capture needs about three times that
        run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", disk.toString());
        try {
            ExportPacketsJob job = new ExportPacketsJob(read(TestFiles.corpus(SYN_SCAN)), disk.resolve("x.pcapng"));
            IStatus result = job.run(new NullProgressMonitor());
            assertEquals(IStatus.ERROR, result.getSeverity());
            assertTrue(result.getMessage().startsWith("The disk holding " + disk + " is full"), result.getMessage());
            assertTrue(result.getMessage().contains("Free some space or export to another disk"), result.getMessage());
            try (var left = Files.list(disk)) {
                assertEquals(List.of(), left.toList(), "nothing left on the full disk");
            }
        } finally {
            run("umount", disk.toString());
        }
    }

    @Test
    void aReadOnlyDiskIsNamedInTheMessage() throws Exception {
        Path disk = Files.createDirectories(folder.resolve("read-only-disk"));
        run("mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", disk.toString());
        try {
            ExportPacketsJob job = new ExportPacketsJob(read(TestFiles.corpus(RAW_IPV4)), disk.resolve("x.pcapng"));
            IStatus result = job.run(new NullProgressMonitor());
            assertEquals(IStatus.ERROR, result.getSeverity());
            assertEquals(disk + " is on a read-only file system.\n\nChoose another folder. Nothing was exported.",
                    result.getMessage());
        } finally {
            run("umount", disk.toString());
        }
    }

    /** The whole 350k-packet benchmark capture: every packet and byte arrives; prints how fast (not asserted). */
    @Test
    void exportsTheBenchmarkCaptureWhole() throws Exception {
        Path original = TestFiles.corpus("pcaps/bench/bigmix-350k.pcap");
        List<PacketSummary> packets = new ArrayList<>();
        try (CaptureReader reader = CaptureFiles.open(original, false)) {
            for (PacketSummary p = reader.next(); p != null; p = reader.next()) {
                packets.add(p);
            }
        }
        Path exported = folder.resolve("bigmix.pcapng");
        ExportPacketsJob job = new ExportPacketsJob(packets, exported);
        long start = System.nanoTime();
        assertEquals(IStatus.OK, job.run(new NullProgressMonitor()).getSeverity());
        long nanos = System.nanoTime() - start;
        // -c packets, -d data bytes (the captured bytes of all packets)
        String[] before = Wireshark.capinfos(original, "-c", "-d");
        String[] after = Wireshark.capinfos(exported, "-c", "-d");
        assertEquals(String.valueOf(packets.size()), after[1], "packets");
        assertArrayEquals(new String[] { before[1], before[2] }, new String[] { after[1], after[2] },
                "capinfos packets and data bytes");
        System.out.printf("export: %,d packets, %,d bytes written in %.0f ms = %,.0f packets/s%n", packets.size(),
                Files.size(exported), nanos / 1e6, packets.size() / (nanos / 1e9));
    }

    @Test
    void aMissingFolderIsNamedInTheMessage() throws IOException {
        Path missing = folder.resolve("not-there");
        ExportPacketsJob job = new ExportPacketsJob(read(TestFiles.corpus(RAW_IPV4)), missing.resolve("x.pcapng"));
        IStatus result = job.run(new NullProgressMonitor());
        assertEquals(IStatus.ERROR, result.getSeverity());
        assertEquals("The folder " + missing + " does not exist.\n\nChoose an existing folder. Nothing was exported.",
                result.getMessage());
    }

    private static void assertSamePacket(String[] expected, String[] actual, int index) {
        String where = "packet " + (index + 1);
        assertEquals(0, new BigDecimal(expected[0]).compareTo(new BigDecimal(actual[0])),
                where + " time: " + expected[0] + " vs " + actual[0]);
        assertArrayEquals(new String[] { expected[1], expected[2], expected[3] },
                new String[] { actual[1], actual[2], actual[3] }, where + " lengths and bytes");
    }

    private static String seconds(long nanos) {
        return BigDecimal.valueOf(nanos).movePointLeft(9).toPlainString();
    }

    private static String md5(PacketSummary p) throws NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("MD5");
        digest.update(p.frame(), 0, p.capturedLength());
        return HexFormat.of().formatHex(digest.digest());
    }

    static List<PacketSummary> read(Path capture) throws IOException {
        List<PacketSummary> packets = new ArrayList<>();
        try (CaptureReader reader = CaptureFiles.open(capture)) {
            for (PacketSummary p = reader.next(); p != null; p = reader.next()) {
                packets.add(p);
            }
        }
        return packets;
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "finished: " + String.join(" ", command));
        assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + output);
    }
}
