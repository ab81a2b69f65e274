package io.kehu.server.work;

import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.kehu.api.spi.DeadLetter;
import io.kehu.api.spi.DeadLetterStore;
import io.kehu.search.DeadLetterDoc;
import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.search.SearchPage;
import io.kehu.search.VersionedDoc;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/** The dead-letter store: what connectors could not process, kept whole for inspection and replay. */
public final class DeadLetterService {

    private final Documents docs;
    private final IndexNames names;
    private final Clock clock;

    public DeadLetterService(Documents docs, IndexNames names, Clock clock) {
        this.docs = docs;
        this.names = names;
        this.clock = clock;
    }

    /** The store one connector instance writes to. */
    public DeadLetterStore store(String connectorId) {
        return letter -> put(connectorId, letter, 1);
    }

    /**
     * Stores a letter. A letter with a key is stored once per instance and key: the same poison
     * message arriving again replaces its earlier letter instead of piling up.
     */
    public String put(String connectorId, DeadLetter letter, int attempts) {
        String id = "dl-" + (letter.key() != null ? sha256(connectorId + "|" + letter.key()).substring(0, 24)
                : UUID.randomUUID().toString().replace("-", "").substring(0, 24));
        var now = clock.instant();
        docs.put(names.deadLetters(), id, new DeadLetterDoc(id, connectorId, letter.key(), letter.type(), DeadLetterDoc.NEW,
                letter.reason(), letter.contentType(), letter.payload(), letter.metadata(), attempts, now, now), false);
        return id;
    }

    public Optional<DeadLetterDoc> get(String id) {
        return docs.get(names.deadLetters(), id, DeadLetterDoc.class).map(VersionedDoc::source);
    }

    /** Newest first, optionally of one instance and one status. */
    public SearchPage<DeadLetterDoc> list(String connectorId, String status, int from, int size) {
        BoolQuery.Builder q = new BoolQuery.Builder();
        if (connectorId != null && !connectorId.isBlank()) {
            q.filter(f -> f.term(t -> t.field("connectorId").value(connectorId)));
        }
        if (status != null && !status.isBlank()) {
            q.filter(f -> f.term(t -> t.field("status").value(status)));
        }
        BoolQuery query = q.build();
        var r = Documents.call(() -> docs.client().search(s -> s.index(names.deadLetters()).query(x -> x.bool(query))
                .from(Math.max(0, from)).size(Math.min(Math.max(size, 1), 200))
                .source(src -> src.filter(f -> f.excludes("payload")))
                .sort(o -> o.field(f -> f.field("createdAt").order(SortOrder.Desc))), DeadLetterDoc.class), names.deadLetters());
        long total = r.hits().total() == null ? r.hits().hits().size() : r.hits().total().value();
        return new SearchPage<>(total, r.hits().hits().stream().map(Hit::source).toList());
    }

    /** Records the outcome of a replay. */
    public void mark(DeadLetterDoc d, String status, String reason) {
        docs.put(names.deadLetters(), d.id(), new DeadLetterDoc(d.id(), d.connectorId(), d.key(), d.type(), status,
                reason != null ? reason : d.reason(), d.contentType(), d.payload(), d.metadata(), d.attempts() + 1,
                d.createdAt(), clock.instant()), false);
    }

    public void delete(String id) {
        docs.delete(names.deadLetters(), id);
    }

    public static DeadLetter toLetter(DeadLetterDoc d) {
        return new DeadLetter(d.key(), d.type(), d.reason(), d.contentType(), d.payload(), d.metadata());
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
