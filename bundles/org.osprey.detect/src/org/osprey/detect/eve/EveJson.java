package org.osprey.detect.eve;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;

import org.osprey.detect.Alert;
import org.osprey.detect.Severity;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonWriter;

/**
 * Alerts as Suricata EVE JSON lines, for SIEMs that ingest Suricata's {@code eve.json}. The fields and their order are
 * Suricata 7's for {@code event_type} alert: {@code timestamp} (packet time, UTC, microseconds, as
 * {@code 2009-01-03T18:58:34.958375+0000}), {@code flow_id}, {@code event_type}, {@code src_ip}, {@code src_port},
 * {@code dest_ip}, {@code dest_port}, {@code proto}, {@code community_id}, {@code alert} ({@code action} "allowed",
 * {@code gid} 1, {@code signature_id}, {@code rev}, {@code signature}, {@code category}, {@code severity} 1-4 and
 * {@code metadata.mitre_technique_id} when there is one, as Emerging Threats rules write it); ports are left out when
 * there is none, as Suricata does for ICMP. Osprey's own fields are in an {@code osprey} object: detector, severity
 * name, message, MITRE ATT&amp;CK technique, packet time in nanoseconds, evidence and packet sequence numbers, so that
 * {@link #parse} gives back the very alert.
 */
public final class EveJson {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxx").withZone(ZoneOffset.UTC);

    private EveJson() {
    }

    /** One line of EVE JSON for the alert, without the line end. */
    public static String line(Alert alert) {
        StringBuilder out = new StringBuilder(512);
        append(out, alert);
        return out.toString();
    }

    /** Appends one line of EVE JSON for the alert to {@code out}, without the line end. */
    public static void append(StringBuilder out, Alert alert) {
        StringWriter line = new StringWriter(512);
        try (JsonWriter json = new JsonWriter(line)) {
            write(json, alert);
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        out.append(line.getBuffer());
    }

    private static void write(JsonWriter json, Alert alert) throws IOException {
        json.setSerializeNulls(false); // absent fields are left out, as Suricata does
        long nanos = alert.timestampNanos();
        json.beginObject()
                .name("timestamp").value(TIMESTAMP.format(Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
                        Math.floorMod(nanos, 1_000_000_000L))))
                .name("flow_id").value(flowId(alert));
        if (alert.sequenceCount() > 0) {
            // Suricata's packet count at the alert: the number (from 1) of the newest packet named
            long newest = alert.sequence(0);
            for (int i = 1; i < alert.sequenceCount(); i++) {
                newest = Math.max(newest, alert.sequence(i));
            }
            json.name("pcap_cnt").value(newest + 1);
        }
        json.name("event_type").value("alert")
                .name("src_ip").value(alert.sourceAddress());
        port(json, "src_port", alert.sourcePort());
        json.name("dest_ip").value(alert.destinationAddress());
        port(json, "dest_port", alert.destinationPort());
        json.name("proto").value(alert.transport())
                .name("community_id").value(alert.communityId());
        json.name("alert").beginObject()
                .name("action").value("allowed")
                .name("gid").value(1)
                .name("signature_id").value(alert.signatureId())
                .name("rev").value(1)
                .name("signature").value(alert.signature())
                .name("category").value(alert.category())
                .name("severity").value(alert.severity().eveSeverity());
        if (alert.mitreTechnique() != null) {
            json.name("metadata").beginObject()
                    .name("mitre_technique_id").beginArray().value(alert.mitreTechnique()).endArray()
                    .endObject();
        }
        json.endObject();
        json.name("osprey").beginObject()
                .name("detector").value(alert.detectorId())
                .name("severity").value(alert.severity().name().toLowerCase(java.util.Locale.ROOT))
                .name("message").value(alert.message())
                .name("mitre_technique").value(alert.mitreTechnique())
                .name("timestamp_nanos").value(nanos);
        json.name("evidence").beginObject();
        for (Map.Entry<String, String> entry : alert.evidence().entrySet()) {
            json.name(entry.getKey()).value(entry.getValue());
        }
        json.endObject();
        json.name("packets").beginArray();
        for (int i = 0; i < alert.sequenceCount(); i++) {
            json.value(alert.sequence(i));
        }
        json.endArray().endObject().endObject();
    }

    /**
     * The alert an EVE line written by {@link #line} holds (the agent sends alerts to clients this way).
     *
     * @throws IllegalArgumentException when the line is not JSON, not an alert, or lacks Osprey's fields
     */
    public static Alert parse(String line) {
        try {
            JsonObject eve = JsonParser.parseString(line).getAsJsonObject();
            if (!"alert".equals(text(eve, "event_type"))) {
                throw new IllegalArgumentException("not an EVE alert (event_type " + text(eve, "event_type") + ")");
            }
            JsonObject rule = eve.getAsJsonObject("alert");
            JsonObject osprey = eve.getAsJsonObject("osprey");
            if (rule == null || osprey == null) {
                throw new IllegalArgumentException("an EVE alert without the alert or osprey object");
            }
            Alert.Builder alert = Alert.builder(text(osprey, "detector"), rule.get("signature_id").getAsInt(),
                    text(rule, "signature"));
            alert.timestampNanos(osprey.get("timestamp_nanos").getAsLong())
                    .severity(Severity.valueOf(text(osprey, "severity").toUpperCase(java.util.Locale.ROOT)))
                    .category(text(rule, "category")).message(text(osprey, "message"))
                    .source(text(eve, "src_ip"), eve.has("src_port") ? eve.get("src_port").getAsInt() : Alert.NO_PORT)
                    .destination(text(eve, "dest_ip"),
                            eve.has("dest_port") ? eve.get("dest_port").getAsInt() : Alert.NO_PORT)
                    .transport(text(eve, "proto")).communityId(text(eve, "community_id"))
                    .mitreTechnique(text(osprey, "mitre_technique"));
            JsonObject evidence = osprey.getAsJsonObject("evidence");
            if (evidence != null) {
                evidence.entrySet().forEach(entry -> alert.evidence(entry.getKey(), entry.getValue().getAsString()));
            }
            JsonArray packets = osprey.getAsJsonArray("packets");
            if (packets != null) {
                packets.forEach(sequence -> alert.sequence(sequence.getAsLong()));
            }
            return alert.build();
        } catch (JsonParseException | IllegalStateException | ClassCastException | NullPointerException
                | UnsupportedOperationException | NumberFormatException e) {
            throw new IllegalArgumentException("not an Osprey EVE alert line: " + e.getMessage(), e);
        }
    }

    private static String text(JsonObject object, String name) {
        JsonElement element = object.get(name);
        return element == null || element.isJsonNull() ? null : element.getAsString();
    }

    /**
     * A flow id that is the same for every alert about one flow, in Suricata's range (a positive integer below
     * 2^51, so JSON readers that use doubles keep it exact): taken from the Community ID when the alert has one (so
     * both directions share it), otherwise from the addresses, ports and transport.
     */
    public static long flowId(Alert alert) {
        byte[] digest;
        if (alert.communityId() != null && alert.communityId().startsWith("1:")) {
            try {
                digest = Base64.getDecoder().decode(alert.communityId().substring(2));
            } catch (IllegalArgumentException e) {
                digest = sha1(alert.communityId());
            }
        } else {
            digest = sha1(alert.transport() + " " + alert.sourceAddress() + " " + alert.sourcePort() + " "
                    + alert.destinationAddress() + " " + alert.destinationPort());
        }
        long id = 0;
        for (int i = 0; i < 7 && i < digest.length; i++) {
            id = id << 8 | (digest[i] & 0xff);
        }
        id &= (1L << 51) - 1;
        return id == 0 ? 1 : id;
    }

    private static byte[] sha1(String text) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }

    private static void port(JsonWriter json, String name, int port) throws IOException {
        if (port >= 0) {
            json.name(name).value(port);
        }
    }
}
