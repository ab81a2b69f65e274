package io.kehu.connector.webform;

import io.kehu.api.spi.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Token and signature checks shared by the presets. Every comparison runs in constant time. */
final class WebFormAuth {

    private WebFormAuth() {
    }

    /**
     * Compares what the client sent with what is expected without leaking, through timing, how
     * much of it matched or how long the expected value is: both sides are hashed first, and
     * {@link MessageDigest#isEqual} compares the fixed-length digests in constant time.
     */
    static boolean same(String given, String expected) {
        if (given == null || expected == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(given.getBytes(StandardCharsets.UTF_8)), sha256(expected.getBytes(StandardCharsets.UTF_8)));
    }

    static boolean same(String given, byte[] expected) {
        return given != null && MessageDigest.isEqual(sha256(given.getBytes(StandardCharsets.UTF_8)), sha256(expected));
    }

    /** Checks the shared token where the instance expects it; returns why it is refused, or null. */
    static String checkToken(WebhookRequest request, WebFormConfig config) {
        byte[] secret = config.secret();
        if (secret.length == 0) {
            return "This form endpoint has no token configured";
        }
        String given = switch (config.tokenLocation()) {
            case QUERY -> request.queryParam(WebFormConfig.TOKEN_PARAM);
            case HEADER -> request.header(WebFormConfig.TOKEN_HEADER);
            case PATH -> pathToken(request.path());
        };
        if (given == null || given.isEmpty()) {
            return switch (config.tokenLocation()) {
                case QUERY -> "Missing token: add ?token=… to the URL";
                case HEADER -> "Missing token: send the " + WebFormConfig.TOKEN_HEADER + " header";
                case PATH -> "Missing token: the URL must end with /<token>";
            };
        }
        return same(given, secret) ? null : "Wrong token";
    }

    /** {@code /abc} or {@code /abc/} gives {@code abc}; anything with more segments gives null. */
    private static String pathToken(String path) {
        String p = path == null ? "" : path;
        if (p.startsWith("/")) {
            p = p.substring(1);
        }
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() || p.contains("/") ? null : p;
    }

    static String base64HmacSha256(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    static String sha1Hex(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-1");
            for (byte[] p : parts) {
                md.update(p);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
