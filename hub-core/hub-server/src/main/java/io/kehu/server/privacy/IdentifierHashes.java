package io.kehu.server.privacy;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import io.kehu.api.HubException;
import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.search.StateDoc;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Salted SHA-256 of normalized identifier keys ({@code phone:+8613912345678}): what the hub keeps of an erased
 * person's identifiers instead of the identifiers. The salt stops a list of all Chinese mobile numbers from
 * turning the hashes back into numbers without it. It is never logged nor shown.
 */
public final class IdentifierHashes {

    /** State scope and key of the generated salt. */
    static final String SCOPE = "privacy";
    static final String KEY = "salt";

    /** Already fed the salt and the separator: each hash clones it, which ingest can afford per identifier. */
    private final MessageDigest salted;

    IdentifierHashes(byte[] salt) {
        if (salt.length == 0) {
            throw new IllegalArgumentException("empty salt");
        }
        try {
            salted = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new HubException(HubException.Kind.BUG, "No SHA-256 in this JVM", e);
        }
        salted.update(salt);
        salted.update((byte) 0);
    }

    /**
     * The configured salt ({@code hub.privacy.salt}) or, when none is, the one stored in the state index,
     * generated and stored on first use. Created only if absent, so hub nodes starting together agree on one.
     */
    public static IdentifierHashes configure(String configured, Documents docs, IndexNames names, Clock clock) {
        if (configured != null && !configured.isBlank()) {
            return new IdentifierHashes(configured.getBytes(StandardCharsets.UTF_8));
        }
        String id = StateDoc.id(SCOPE, KEY);
        var stored = docs.get(names.state(), id, StateDoc.class);
        if (stored.isEmpty()) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            StateDoc doc = new StateDoc(SCOPE, KEY, Base64.getEncoder().encodeToString(fresh), clock.instant());
            try {
                docs.client().create(c -> c.index(names.state()).id(id).document(doc));
            } catch (ElasticsearchException e) {
                if (e.status() != 409) {
                    throw HubException.retryable("Could not store the privacy salt: " + e.error().type(), e);
                }
            } catch (IOException e) {
                throw HubException.retryable("Elasticsearch unavailable while storing the privacy salt", e);
            }
            stored = docs.get(names.state(), id, StateDoc.class);
        }
        String value = stored.orElseThrow(() -> HubException.retryable("The privacy salt vanished after it was stored",
                null)).source().value();
        return new IdentifierHashes(Base64.getDecoder().decode(value));
    }

    /** Lower-case hex SHA-256 of the salt, a NUL, and the key. */
    public String hash(String identifierKey) {
        MessageDigest sha;
        try {
            sha = (MessageDigest) salted.clone();
        } catch (CloneNotSupportedException e) {
            throw new HubException(HubException.Kind.BUG, "SHA-256 digest cannot be cloned in this JVM", e);
        }
        return HexFormat.of().formatHex(sha.digest(identifierKey.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
        return "IdentifierHashes[salt hidden]";
    }
}
