package org.osprey.transport.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * SHA-256 fingerprints of certificates, written as colon-separated upper-case hex of the digest of the DER encoding
 * ({@code AB:CD:...}, 95 characters), the way {@code keytool -list} and {@code openssl x509 -fingerprint -sha256} print
 * them. What the agent prints at start and what a client pins.
 */
public final class CertificateFingerprint {

    private static final HexFormat COLON_HEX = HexFormat.ofDelimiter(":").withUpperCase();

    private CertificateFingerprint() {
    }

    /** The SHA-256 fingerprint of the certificate's DER encoding. */
    public static String sha256(Certificate certificate) {
        try {
            return sha256(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded: " + e.getMessage(), e);
        }
    }

    /** The SHA-256 fingerprint of DER bytes. */
    public static String sha256(byte[] der) {
        try {
            return COLON_HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * A fingerprint as a user may type or paste it (any case, colons, spaces or none) in the canonical form, or
     * {@code null} when it is not 32 bytes of hex.
     */
    public static String normalize(String fingerprint) {
        if (fingerprint == null) {
            return null;
        }
        String hex = fingerprint.replaceAll("[:\\s-]", "").toUpperCase(Locale.ROOT);
        if (!hex.matches("[0-9A-F]{64}")) {
            return null;
        }
        return COLON_HEX.formatHex(HexFormat.of().parseHex(hex));
    }

    /** Whether two fingerprints (any accepted spelling) name the same certificate; compared in constant time. */
    public static boolean matches(String expected, String actual) {
        String a = normalize(expected);
        String b = normalize(actual);
        return a != null && b != null && MessageDigest.isEqual(a.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                b.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
}
