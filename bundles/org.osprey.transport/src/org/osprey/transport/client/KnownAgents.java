package org.osprey.transport.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.osprey.transport.tls.CertificateFingerprint;
import org.osprey.transport.tls.OwnerOnlyFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificates this client trusts, one per agent, kept in a text file like ssh's {@code known_hosts}: one line per
 * agent, {@code host:port FINGERPRINT}, where the fingerprint is the SHA-256 of the agent's certificate (DER) in
 * colon-separated upper-case hex. Lines starting with {@code #} are comments.
 * <p>
 * The file and a directory created for it are owner-only ({@link OwnerOnlyFiles}); every change is written to a
 * temporary file and moved into place, so a crash never leaves half a file. Each lookup re-reads the
 * file, so an entry removed by hand (to accept a legitimately re-keyed agent) counts at the next connection.
 * A malformed line is skipped with a warning naming its line number; it never makes the other entries unusable.
 * <p>
 * Thread-safe: calls on one instance are serialized. Two processes writing the same file at once may lose one
 * entry (the later write wins); the next connection then records it again.
 */
public final class KnownAgents {

    private static final Logger LOG = LoggerFactory.getLogger(KnownAgents.class);
    private static final Pattern FINGERPRINT = Pattern.compile("([0-9A-F]{2}:){31}[0-9A-F]{2}");
    private static final String HEADER = "# Osprey known agents: host:port and the SHA-256 fingerprint of the agent's"
            + " certificate (trust on first use).\n# Delete a line to trust a re-keyed agent again.\n";

    private final Path file;

    /** @param file the known-agents file; it need not exist yet (it is created at the first {@link #remember}) */
    public KnownAgents(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    /** Where a user's known agents are kept unless configured otherwise: {@code ~/.osprey/known_agents}. */
    public static Path defaultFile() {
        return Path.of(System.getProperty("user.home"), ".osprey", "known_agents");
    }

    /** The file this store reads and writes. */
    public Path file() {
        return file;
    }

    /**
     * The key of an agent in this store: {@code host:port} in lower case, an IPv6 host in brackets, the default port
     * 443 filled in when the URI has none.
     */
    public static String agentKey(URI agent) {
        String host = agent.getHost();
        if (host == null) {
            throw new IllegalArgumentException("agent URI has no host: " + agent);
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        int port = agent.getPort() < 0 ? 443 : agent.getPort();
        return host + ":" + port;
    }

    /**
     * A fingerprint in the form this store writes (see {@link CertificateFingerprint#normalize}).
     *
     * @throws IllegalArgumentException when the text is not a SHA-256 fingerprint
     */
    static String requireFingerprint(String text) {
        String normalized = CertificateFingerprint.normalize(text);
        if (normalized == null) {
            throw new IllegalArgumentException("not a SHA-256 fingerprint (64 hex digits, colons optional): '"
                    + (text != null && text.length() > 120 ? text.substring(0, 120) + "..." : text) + "'");
        }
        return normalized;
    }

    /** The recorded fingerprint of this agent ({@code host:port}), or {@code null} when none is recorded. */
    public synchronized String fingerprint(String agent) {
        return read().get(agent);
    }

    /** Every recorded agent and its fingerprint, in file order. */
    public synchronized Map<String, String> entries() {
        return Map.copyOf(read());
    }

    /**
     * Records (or replaces) the fingerprint of an agent. Replace one only on a person's explicit decision, never because
     * a connection presented another certificate.
     */
    public synchronized void remember(String agent, String fingerprint) {
        checkAgent(agent);
        String normalized = requireFingerprint(fingerprint);
        Map<String, String> entries = read();
        String previous = entries.put(agent, normalized);
        if (!normalized.equals(previous)) {
            write(entries);
            LOG.info("recorded certificate {} for agent {} in {}", normalized, agent, file);
        }
    }

    /** Forgets an agent, so that the next connection trusts it on first use again. @return whether it was recorded */
    public synchronized boolean forget(String agent) {
        Map<String, String> entries = read();
        if (entries.remove(agent) == null) {
            return false;
        }
        write(entries);
        return true;
    }

    private static void checkAgent(String agent) {
        if (agent == null || agent.isEmpty() || agent.chars().anyMatch(c -> c <= ' ' || c == '#')) {
            throw new IllegalArgumentException("agent must be host:port without spaces: '" + agent + "'");
        }
    }

    private Map<String, String> read() {
        Map<String, String> entries = new LinkedHashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read known agents file " + file, e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s+");
            if (fields.length != 2 || !FINGERPRINT.matcher(fields[1]).matches()) {
                LOG.warn("{} line {}: expected 'host:port FINGERPRINT' (64 hex digits with colons); line ignored", file,
                        i + 1);
                continue;
            }
            entries.putIfAbsent(fields[0], fields[1]);
        }
        return entries;
    }

    private void write(Map<String, String> entries) {
        StringBuilder text = new StringBuilder(HEADER);
        entries.forEach((agent, fingerprint) -> text.append(agent).append(' ').append(fingerprint).append('\n'));
        try {
            OwnerOnlyFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write known agents file " + file, e);
        }
    }

    @Override
    public String toString() {
        return "KnownAgents[" + file + "]";
    }
}
