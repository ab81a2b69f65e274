package io.kehu.server.security;

import io.kehu.api.HubException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured API keys. Only SHA-256 hashes are configured ({@code name:role:sha256hex}, optionally
 * {@code :owner} after it), so no key is ever written in plain text in the repository or the configuration.
 * With none configured, an admin key is generated once into a file readable only by its owner.
 */
public final class ApiKeys {

    private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);

    /**
     * One key: who it belongs to, its role and the hash of its value.
     *
     * @param owner the routing owner id the key acts for (a salesperson's own key claims leads for them
     *              only), or null
     */
    public record Key(String name, Role role, byte[] sha256, String owner) {

        public Key(String name, Role role, byte[] sha256) {
            this(name, role, sha256, null);
        }
    }

    private final List<Key> keys;

    public ApiKeys(List<Key> keys) {
        this.keys = List.copyOf(keys);
    }

    /** Parses {@code name:role:sha256hex[:owner]} entries; with none, uses or creates the generated admin key. */
    public static ApiKeys configure(List<String> entries, Path generatedKeyFile) {
        List<Key> keys = new ArrayList<>();
        for (String e : entries) {
            if (e == null || e.isBlank()) {
                continue;
            }
            String[] parts = e.trim().split(":", -1);
            if (parts.length < 3 || parts.length > 4 || !parts[2].matches("[0-9a-fA-F]{64}")
                    || parts.length == 4 && parts[3].isBlank()) {
                throw HubException.configuration(
                        "An API key entry must be name:role:sha256hex (64 hex digits), optionally followed by :owner");
            }
            Role role;
            try {
                role = Role.valueOf(parts[1].toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ex) {
                throw HubException.configuration("Unknown API key role '" + parts[1] + "'; use admin, integrator or sales");
            }
            keys.add(new Key(parts[0], role, HexFormat.of().parseHex(parts[2].toLowerCase(Locale.ROOT)),
                    parts.length == 4 ? parts[3] : null));
        }
        if (keys.isEmpty()) {
            keys.add(new Key("generated-admin", Role.ADMIN, sha256(generatedKey(generatedKeyFile))));
        }
        return new ApiKeys(keys);
    }

    private static String generatedKey(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            byte[] raw = new byte[32];
            new SecureRandom().nextBytes(raw);
            String key = "kh_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, key + "\n");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // Not POSIX: rely on the data folder's permissions.
            }
            log.warn("No API keys configured: generated an admin key into {} (readable by its owner only)", file);
            return key;
        } catch (java.io.IOException e) {
            throw HubException.configuration("Cannot read or write the generated API key file " + file);
        }
    }

    /** The key matching {@code presented}, compared in constant time against every configured hash. */
    public Optional<Key> authenticate(String presented) {
        if (presented == null || presented.isBlank()) {
            return Optional.empty();
        }
        byte[] hash = sha256(presented.trim());
        Key match = null;
        for (Key k : keys) {
            if (MessageDigest.isEqual(k.sha256(), hash)) {
                match = k;
            }
        }
        return Optional.ofNullable(match);
    }

    public static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Prints the configuration entry for a key: {@code java -cp hub.jar … ApiKeys name role key}. */
    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: ApiKeys <name> <admin|integrator|sales> <key>");
            System.exit(2);
        }
        System.out.println(args[0] + ":" + args[1] + ":" + HexFormat.of().formatHex(sha256(args[2])));
    }
}
