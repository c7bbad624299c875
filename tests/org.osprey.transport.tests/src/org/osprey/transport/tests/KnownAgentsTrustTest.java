package org.osprey.transport.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osprey.transport.client.FirstUseTrust;
import org.osprey.transport.client.KnownAgents;
import org.osprey.transport.client.UntrustedCertificateException;
import org.osprey.transport.client.UntrustedCertificateException.Reason;
import org.osprey.transport.internal.client.PinningTrustManager;
import org.osprey.transport.tls.AgentKeystore;
import org.osprey.transport.tls.CertificateFingerprint;

/**
 * Trust on first use, with real self-signed certificates: the known-agents file, and the trust manager that pins by
 * it. (The same over real TLS connections is in AgentConnectionTest.)
 */
class KnownAgentsTrustTest {

    private static final String AGENT = "127.0.0.1:7443";

    @TempDir
    static Path keys;
    @TempDir
    Path home;

    private static X509Certificate first;
    private static X509Certificate second;

    @BeforeAll
    static void makeTwoCertificates() throws Exception {
        first = AgentKeystore.loadOrCreate(keys.resolve("first"), List.of("127.0.0.1")).certificate();
        second = AgentKeystore.loadOrCreate(keys.resolve("second"), List.of("127.0.0.1")).certificate();
    }

    private KnownAgents knownAgents() {
        return new KnownAgents(home.resolve(".osprey/known_agents"));
    }

    @Test
    void firstUseRecordsTheFingerprintInAnOwnerOnlyFile() throws Exception {
        KnownAgents known = knownAgents();
        PinningTrustManager trust = new PinningTrustManager(AGENT, known, null, FirstUseTrust.ACCEPT);
        trust.checkServerTrusted(new X509Certificate[] { first }, "EC");

        String fingerprint = CertificateFingerprint.sha256(first);
        assertEquals(fingerprint, known.fingerprint(AGENT));
        assertEquals(fingerprint, trust.lastPresentedFingerprint());
        assertNull(trust.lastRefusal());
        Path file = known.file();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        assertTrue(Files.readAllLines(file).contains(AGENT + " " + fingerprint), Files.readString(file));
    }

    @Test
    void theSameCertificateIsAcceptedAgainAndTheFirstUseQuestionIsNotAskedTwice() throws Exception {
        KnownAgents known = knownAgents();
        AtomicInteger asked = new AtomicInteger();
        FirstUseTrust counting = (agent, fingerprint) -> asked.incrementAndGet() > 0;
        new PinningTrustManager(AGENT, known, null, counting).checkServerTrusted(new X509Certificate[] { first }, "EC");
        String fileAfterFirstUse = Files.readString(known.file());

        new PinningTrustManager(AGENT, new KnownAgents(known.file()), null, counting)
                .checkServerTrusted(new X509Certificate[] { first }, "EC");
        assertEquals(1, asked.get());
        assertEquals(fileAfterFirstUse, Files.readString(known.file()));
    }

    @Test
    void aChangedCertificateIsRefusedNamingBothFingerprintsAndTheRecordStays() throws Exception {
        KnownAgents known = knownAgents();
        new PinningTrustManager(AGENT, known, null, FirstUseTrust.ACCEPT)
                .checkServerTrusted(new X509Certificate[] { first }, "EC");

        PinningTrustManager trust = new PinningTrustManager(AGENT, known, null, FirstUseTrust.ACCEPT);
        UntrustedCertificateException refused = assertThrows(UntrustedCertificateException.class,
                () -> trust.checkServerTrusted(new X509Certificate[] { second }, "EC"));
        String recorded = CertificateFingerprint.sha256(first);
        String presented = CertificateFingerprint.sha256(second);
        assertEquals(Reason.CHANGED, refused.reason());
        assertEquals(recorded, refused.trustedFingerprint());
        assertEquals(presented, refused.presentedFingerprint());
        assertTrue(refused.getMessage().contains(recorded) && refused.getMessage().contains(presented),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("HAS CHANGED"), refused.getMessage());
        assertSame(refused, trust.lastRefusal());
        assertEquals(recorded, known.fingerprint(AGENT), "never re-trusted silently");
    }

    @Test
    void anExpectedFingerprintAcceptsOnlyThatCertificateAndIsRecorded() throws Exception {
        KnownAgents known = knownAgents();
        String expected = CertificateFingerprint.sha256(first).replace(":", "").toLowerCase();
        PinningTrustManager trust = new PinningTrustManager(AGENT, known,
                CertificateFingerprint.normalize(expected), FirstUseTrust.REFUSE);
        UntrustedCertificateException refused = assertThrows(UntrustedCertificateException.class,
                () -> trust.checkServerTrusted(new X509Certificate[] { second }, "EC"));
        assertEquals(Reason.NOT_EXPECTED, refused.reason());
        assertNull(known.fingerprint(AGENT), "nothing recorded for a refused certificate");

        trust.reset();
        trust.checkServerTrusted(new X509Certificate[] { first }, "EC");
        assertEquals(CertificateFingerprint.sha256(first), known.fingerprint(AGENT));
    }

    @Test
    void aRecordedPinWinsOverAnExpectedFingerprint() throws Exception {
        KnownAgents known = knownAgents();
        known.remember(AGENT, CertificateFingerprint.sha256(first));
        PinningTrustManager trust = new PinningTrustManager(AGENT, known, CertificateFingerprint.sha256(second),
                FirstUseTrust.ACCEPT);
        UntrustedCertificateException refused = assertThrows(UntrustedCertificateException.class,
                () -> trust.checkServerTrusted(new X509Certificate[] { second }, "EC"));
        assertEquals(Reason.CHANGED, refused.reason(), "replacing a pin is done in KnownAgents, on purpose");
    }

    @Test
    void firstUseCanBeRefused() {
        KnownAgents known = knownAgents();
        PinningTrustManager trust = new PinningTrustManager(AGENT, known, null, FirstUseTrust.REFUSE);
        UntrustedCertificateException refused = assertThrows(UntrustedCertificateException.class,
                () -> trust.checkServerTrusted(new X509Certificate[] { first }, "EC"));
        assertEquals(Reason.REFUSED_ON_FIRST_USE, refused.reason());
        assertEquals(CertificateFingerprint.sha256(first), refused.presentedFingerprint());
        assertNull(refused.trustedFingerprint());
        assertFalse(Files.exists(known.file()));
    }

    @Test
    void aFailingFirstUseQuestionIsARefusal() {
        KnownAgents known = knownAgents();
        FirstUseTrust broken = (agent, fingerprint) -> {
            throw new IllegalStateException("no display to ask on");
        };
        PinningTrustManager trust = new PinningTrustManager(AGENT, known, null, broken);
        UntrustedCertificateException refused = assertThrows(UntrustedCertificateException.class,
                () -> trust.checkServerTrusted(new X509Certificate[] { first }, "EC"));
        assertEquals(Reason.REFUSED_ON_FIRST_USE, refused.reason());
        assertNull(known.fingerprint(AGENT));
    }

    @Test
    void noCertificateAtAllIsRefused() {
        PinningTrustManager trust = new PinningTrustManager(AGENT, knownAgents(), null, FirstUseTrust.ACCEPT);
        assertThrows(CertificateException.class, () -> trust.checkServerTrusted(new X509Certificate[0], "EC"));
        assertThrows(CertificateException.class, () -> trust.checkClientTrusted(new X509Certificate[] { first }, "EC"));
    }

    @Test
    void malformedLinesAreSkippedAndTheRestStillCounts() throws Exception {
        KnownAgents known = knownAgents();
        String fingerprint = CertificateFingerprint.sha256(first);
        Files.createDirectories(known.file().getParent());
        Files.writeString(known.file(), "# comment\n\ngarbage\nhost:1 NOT-A-FINGERPRINT\n" + AGENT + " " + fingerprint
                + "\nother:2 " + fingerprint + " extra\n");
        assertEquals(Map.of(AGENT, fingerprint), known.entries());
        new PinningTrustManager(AGENT, known, null, FirstUseTrust.REFUSE)
                .checkServerTrusted(new X509Certificate[] { first }, "EC");
    }

    @Test
    void forgettingAnAgentMakesItAFirstUseAgain() throws Exception {
        KnownAgents known = knownAgents();
        known.remember(AGENT, CertificateFingerprint.sha256(first));
        known.remember("other:1", CertificateFingerprint.sha256(second));
        assertTrue(known.forget(AGENT));
        assertFalse(known.forget(AGENT));
        assertNull(known.fingerprint(AGENT));
        assertEquals(CertificateFingerprint.sha256(second), known.fingerprint("other:1"));
        new PinningTrustManager(AGENT, known, null, FirstUseTrust.ACCEPT)
                .checkServerTrusted(new X509Certificate[] { second }, "EC");
        assertEquals(CertificateFingerprint.sha256(second), known.fingerprint(AGENT));
    }

    @Test
    void agentKeysAreHostAndPortInLowerCase() {
        assertEquals("agent.example:7443", KnownAgents.agentKey(URI.create("wss://Agent.Example:7443/osprey")));
        assertEquals("[::1]:7443", KnownAgents.agentKey(URI.create("wss://[::1]:7443/osprey")));
        assertEquals("10.0.0.1:443", KnownAgents.agentKey(URI.create("wss://10.0.0.1/osprey")));
    }

    @Test
    void badInputGetsAClearError() {
        KnownAgents known = knownAgents();
        IllegalArgumentException badFingerprint = assertThrows(IllegalArgumentException.class,
                () -> known.remember(AGENT, "AB:CD"));
        assertTrue(badFingerprint.getMessage().contains("SHA-256"), badFingerprint.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> known.remember("host with space:1", CertificateFingerprint.sha256(first)));
        assertFalse(Files.exists(known.file()));
    }
}
