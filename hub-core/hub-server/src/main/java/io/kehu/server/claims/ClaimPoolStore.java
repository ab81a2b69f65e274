package io.kehu.server.claims;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.OpType;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.kehu.api.HubException;
import io.kehu.search.BulkItemResult;
import io.kehu.search.BulkWriter;
import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.search.PoolDoc;
import io.kehu.search.SearchPage;
import io.kehu.search.VersionedDoc;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elasticsearch.client.ResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The claim pool's documents. Every write is a create (nothing stored yet) or conditional on the version
 * read, and is refreshed at once, so a lead that was just offered or claimed is listed accordingly.
 */
public final class ClaimPoolStore {

    private static final Logger log = LoggerFactory.getLogger(ClaimPoolStore.class);

    /** A write of {@code next} over {@code read}; {@code read} null: create only. */
    public record Write(VersionedDoc<PoolDoc> read, PoolDoc next) {
    }

    private final Documents docs;
    private final BulkWriter bulk;
    private final IndexNames names;

    public ClaimPoolStore(Documents docs, BulkWriter bulk, IndexNames names) {
        this.docs = docs;
        this.bulk = bulk;
        this.names = names;
    }

    public Optional<VersionedDoc<PoolDoc>> get(String profileId) {
        return docs.get(names.claimPool(), profileId, PoolDoc.class);
    }

    public Map<String, VersionedDoc<PoolDoc>> getAll(Collection<String> profileIds) {
        return docs.mget(names.claimPool(), profileIds, PoolDoc.class);
    }

    /**
     * Writes {@code next} unless someone changed the lead since {@code read}.
     *
     * @return the new version, or empty when another request or node wrote first
     */
    public Optional<VersionedDoc<PoolDoc>> write(VersionedDoc<PoolDoc> read, PoolDoc next) {
        String index = names.claimPool();
        try {
            var r = docs.client().index(i -> {
                i.index(index).id(next.profileId()).document(next).refresh(Refresh.True);
                return read == null ? i.opType(OpType.Create) : i.ifSeqNo(read.seqNo()).ifPrimaryTerm(read.primaryTerm());
            });
            return Optional.of(new VersionedDoc<>(next.profileId(), next, r.seqNo(), r.primaryTerm()));
        } catch (ElasticsearchException e) {
            if (e.status() == 409) {
                return Optional.empty();
            }
            throw HubException.retryable("Elasticsearch refused a claim pool write: " + e.error().type(), e);
        } catch (IOException e) {
            // The transport reports some refusals (a create that finds the document there) as an I/O error.
            if (e instanceof ResponseException r && r.getResponse().getStatusLine().getStatusCode() == 409) {
                return Optional.empty();
            }
            throw HubException.retryable("Elasticsearch unavailable while writing the claim pool", e);
        }
    }

    /** {@link #write} for many leads in one bulk request; returns how many were written, conflicts skipped. */
    public int writeAll(List<Write> writes) {
        List<BulkOperation> ops = new ArrayList<>(writes.size());
        for (Write w : writes) {
            PoolDoc next = w.next();
            ops.add(w.read() == null
                    ? BulkOperation.of(b -> b.create(c -> c.index(names.claimPool()).id(next.profileId()).document(next)))
                    : BulkOperation.of(b -> b.index(i -> i.index(names.claimPool()).id(next.profileId()).document(next)
                            .ifSeqNo(w.read().seqNo()).ifPrimaryTerm(w.read().primaryTerm()))));
        }
        int written = 0;
        for (BulkItemResult r : bulk.execute(ops, true)) {
            if (r.ok()) {
                written++;
            } else if (r.conflict()) {
                log.debug("Claim pool entry {} was written by another run meanwhile; left as it is", r.id());
            } else {
                // Elasticsearch's reason can quote field values: DEBUG only.
                log.debug("A claim pool write failed: {}", r.reason());
                throw r.retryable() ? HubException.retryable("Elasticsearch pushed back on a claim pool write", null)
                        : new HubException(HubException.Kind.BUG, "A claim pool write failed: " + r.errorType());
            }
        }
        return written;
    }

    /** Open leads not yet due, soonest deadline first; only those {@code ownerId} may claim unless it is null. */
    public SearchPage<VersionedDoc<PoolDoc>> open(String ownerId, Instant now, int from, int size) {
        Query q = Query.of(x -> x.bool(b -> {
            b.filter(f -> f.term(t -> t.field("status").value(PoolDoc.OPEN)))
                    .filter(f -> f.range(r -> r.date(d -> d.field("deadline").gt(now.toString()))));
            return ownerId == null ? b : b.filter(f -> f.term(t -> t.field("eligible").value(ownerId)));
        }));
        return search(q, "deadline", from, size);
    }

    /** Open leads whose deadline has passed, soonest first. */
    public List<VersionedDoc<PoolDoc>> due(Instant now, int limit) {
        Query q = Query.of(x -> x.bool(b -> b.filter(f -> f.term(t -> t.field("status").value(PoolDoc.OPEN)))
                .filter(f -> f.range(r -> r.date(d -> d.field("deadline").lte(now.toString()))))));
        return search(q, "deadline", 0, limit).items();
    }

    /** Leads whose owner was decided before {@code settledBefore} but never reached the profile and the outbox. */
    public List<VersionedDoc<PoolDoc>> awaitingDelivery(Instant settledBefore, int limit) {
        Query q = Query.of(x -> x.bool(b -> b
                .filter(f -> f.terms(t -> t.field("status").terms(v -> v.value(
                        List.of(FieldValue.of(PoolDoc.CLAIMED), FieldValue.of(PoolDoc.TIMED_OUT))))))
                .filter(f -> f.range(r -> r.date(d -> d.field("settledAt").lt(settledBefore.toString()))))
                .mustNot(m -> m.exists(e -> e.field("enqueuedAt")))));
        return search(q, "settledAt", 0, limit).items();
    }

    private SearchPage<VersionedDoc<PoolDoc>> search(Query query, String sortField, int from, int size) {
        String index = names.claimPool();
        var r = Documents.call(() -> docs.client().search(s -> s.index(index).query(query).from(from).size(size)
                .seqNoPrimaryTerm(true).trackTotalHits(t -> t.enabled(true))
                .sort(o -> o.field(f -> f.field(sortField).order(SortOrder.Asc)))
                .sort(o -> o.field(f -> f.field("profileId").order(SortOrder.Asc))), PoolDoc.class), index);
        List<VersionedDoc<PoolDoc>> items = new ArrayList<>();
        for (Hit<PoolDoc> h : r.hits().hits()) {
            items.add(new VersionedDoc<>(h.id(), h.source(), h.seqNo() == null ? -1 : h.seqNo(),
                    h.primaryTerm() == null ? -1 : h.primaryTerm()));
        }
        long total = r.hits().total() == null ? items.size() : r.hits().total().value();
        return new SearchPage<>(total, items);
    }
}
