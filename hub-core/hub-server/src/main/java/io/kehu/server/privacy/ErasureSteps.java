package io.kehu.server.privacy;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import io.kehu.api.HubException;
import io.kehu.search.BulkItemResult;
import io.kehu.search.BulkWriter;
import io.kehu.search.Documents;
import io.kehu.search.IdentifierDoc;
import io.kehu.search.IndexNames;
import io.kehu.search.OutboxDoc;
import io.kehu.search.ProfileStore;
import io.kehu.search.ScanDeletes;
import io.kehu.search.StateDoc;
import io.kehu.search.VersionedDoc;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The deletes of one erasure, one kind of record per step, each step safe to repeat: what is gone already
 * is not found again. Every bulk item is checked; a step that could not delete everything throws after
 * what it did delete, so the erasure record counts it and a repeat of the request finishes the job.
 */
public final class ErasureSteps {

    private static final int MAX_WALKS = 3;

    private final Documents docs;
    private final BulkWriter bulk;
    private final ScanDeletes deletes;
    private final IndexNames names;

    public ErasureSteps(Documents docs, BulkWriter bulk, ScanDeletes deletes, IndexNames names) {
        this.docs = docs;
        this.bulk = bulk;
        this.deletes = deletes;
        this.names = names;
    }

    /** A step that deleted some records and could not delete others. */
    public static final class Incomplete extends HubException {
        private final long deleted;

        Incomplete(String kind, long deleted, long failed, String firstError) {
            super(Kind.REMOTE_RETRYABLE, "The erasure is not finished: " + failed + " " + kind
                    + " record(s) could not be deleted (" + firstError + "); repeat the request to finish it");
            this.deleted = deleted;
        }

        public long deleted() {
            return deleted;
        }
    }

    /** The identifier claims that still point at the person; a claim someone else holds now is not theirs. */
    public long identifierClaims(Person p) {
        Set<String> ids = new HashSet<>(p.profileIds());
        Map<String, VersionedDoc<IdentifierDoc>> claims = docs.mget(names.identifiers(), p.identifierKeys(),
                IdentifierDoc.class);
        return deleteRead(names.identifiers(), "identifier", claims.values().stream()
                .filter(c -> ids.contains(c.source().profileId())).toList());
    }

    /** Redirects from the merged profile ids to the survivor. */
    public long redirects(Person p) {
        List<String> keys = p.mergedIds().stream().map(id -> StateDoc.id(ProfileStore.MERGED_INTO, id)).toList();
        return deleteRead(names.state(), "redirect", List.copyOf(
                docs.mget(names.state(), keys, StateDoc.class).values()));
    }

    /** Documents of an index whose {@code profileId} is one of the person's. */
    public long byProfile(String index, String kind, Person p) {
        return matching(index, kind, profileIs(p));
    }

    /** The person's outbox entries: {@code pending} ones (cancelled, never sent) or all others. */
    public long outbox(Person p, boolean pending) {
        Query status = Query.of(q -> q.term(t -> t.field("status").value(OutboxDoc.PENDING)));
        Query query = Query.of(q -> q.bool(b -> pending ? b.filter(profileIs(p)).filter(status)
                : b.filter(profileIs(p)).mustNot(status)));
        return matching(names.outbox(), pending ? "pending outbox" : "outbox", query);
    }

    public long merges(Person p) {
        return matching(names.merges(), "merge", PersonFinder.mergesOf(p.profileIds()));
    }

    /** The profile documents, the person's own last: until it is gone, a repeated request finds the person. */
    public long profiles(Person p) {
        long n = deleteIds(names.profiles(), "profile", p.mergedIds());
        return n + deleteIds(names.profiles(), "profile", List.of(p.profileId()));
    }

    /**
     * A document that changed between the walk and its delete (a delivery worker updating an outbox entry)
     * is still the person's: walked again, a few times, before the step gives up.
     */
    private long matching(String index, String kind, Query query) {
        long deleted = 0;
        for (int walk = 1; ; walk++) {
            ScanDeletes.Counts c = deletes.deleteMatching(index, query);
            deleted += c.deleted();
            if (c.failed() > 0 || (c.conflicts() > 0 && walk == MAX_WALKS)) {
                throw new Incomplete(kind, deleted, c.failed() + c.conflicts(),
                        c.firstError() != null ? c.firstError() : "changed meanwhile");
            }
            if (c.conflicts() == 0) {
                return deleted;
            }
        }
    }

    private Query profileIs(Person p) {
        List<FieldValue> values = p.profileIds().stream().map(FieldValue::of).toList();
        return Query.of(q -> q.terms(t -> t.field("profileId").terms(v -> v.value(values))));
    }

    /** Conditional deletes of documents just read: one changed since is left, and failed. */
    private long deleteRead(String index, String kind, List<? extends VersionedDoc<?>> read) {
        return check(kind, bulk.execute(read.stream().map(d -> BulkOperation.of(o -> o.delete(x -> x.index(index)
                .id(d.id()).ifSeqNo(d.seqNo()).ifPrimaryTerm(d.primaryTerm())))).toList(), false));
    }

    /** Refreshed: a profile search must not find the person a moment later. */
    private long deleteIds(String index, String kind, List<String> ids) {
        return check(kind, bulk.execute(ids.stream().map(id -> BulkOperation.of(o -> o.delete(x -> x.index(index)
                .id(id)))).toList(), true));
    }

    /** Not found is no failure: deleted by an earlier attempt. */
    private static long check(String kind, List<BulkItemResult> results) {
        long deleted = 0;
        long failed = 0;
        String firstError = null;
        for (BulkItemResult r : results) {
            if (r.ok()) {
                deleted++;
            } else if (r.status() != 404) {
                failed++;
                firstError = firstError == null ? r.errorType() : firstError;
            }
        }
        if (failed > 0) {
            throw new Incomplete(kind, deleted, failed, firstError);
        }
        return deleted;
    }
}
