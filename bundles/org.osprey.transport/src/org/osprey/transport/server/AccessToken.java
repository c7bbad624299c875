package org.osprey.transport.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

import org.osprey.transport.tls.OwnerOnlyFiles;

/**
 * The secret a client must present in {@code hello}: 256 random bits, base64url without padding (43 characters),
 * made on first start and kept in a file only its owner may read (rw-------).
 * <p>
 * {@link #matches} compares in constant time: it compares SHA-256 digests of both values with
 * {@link MessageDigest#isEqual}, so neither the content nor the length of the presented value changes how long the
 * comparison takes. {@link #toString()} never shows the token.
 */
public final class AccessToken {

    private static final int TOKEN_BYTES = 32;

    private final Path file;
    private final byte[] digest;
    private final boolean created;

    private AccessToken(Path file, String token, boolean created) {
        this.file = file;
        this.digest = sha256(token);
        this.created = created;
    }

    /** Reads the token from {@code file}, or makes a new one there (owner-only) when the file does not exist. */
    public static AccessToken loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            return new AccessToken(file, read(file), false);
        }
        byte[] random = new byte[TOKEN_BYTES];
        new SecureRandom().nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        OwnerOnlyFiles.create(file, (token + "\n").getBytes(StandardCharsets.US_ASCII));
        return new AccessToken(file, token, true);
    }

    /** The token in a token file (what a local client reads to connect to its own agent). */
    public static String read(Path file) throws IOException {
        String token = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (token.isEmpty()) {
            throw new IOException("token file " + file + " is empty");
        }
        return token;
    }

    /** Whether {@code presented} is the token; constant time. {@code null} never matches. */
    public boolean matches(String presented) {
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(digest, sha256(presented));
    }

    /** Where the token is kept. */
    public Path file() {
        return file;
    }

    /** Whether {@link #loadOrCreate} made it just now. */
    public boolean created() {
        return created;
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "AccessToken[" + file + "]";
    }
}
