package io.kehu.server.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.kehu.api.HubException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fingerprint of what a delivery sends, so an unchanged payload is never sent twice. Fields are
 * normalized to plain JSON values first (dates as ISO text, no null entries), so the fingerprint of
 * what was stored and read back equals that of what was queued.
 */
public final class PayloadHash {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private PayloadHash() {
    }

    /** The fields as JSON would carry them; a null value means "no value" and is left out. */
    public static Map<String, Object> normalize(Map<String, ?> fields) {
        if (fields == null || fields.isEmpty()) {
            return new LinkedHashMap<>();
        }
        Map<String, Object> plain = MAPPER.convertValue(fields, MAP);
        plain.values().removeIf(v -> v == null);
        return plain;
    }

    /** SHA-256 of the fields (key order does not matter) and the owner. */
    public static String of(Map<String, Object> fields, String owner) {
        Map<String, Object> payload = new TreeMap<>();
        payload.put("fields", normalize(fields));
        payload.put("owner", owner);
        try {
            byte[] json = MAPPER.writeValueAsString(payload).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new HubException(HubException.Kind.BUG, "Could not fingerprint a delivery payload", e);
        }
    }
}
