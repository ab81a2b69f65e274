package io.kehu.server.routing;

import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import io.kehu.api.HubException;
import io.kehu.search.BulkItemResult;
import io.kehu.search.BulkWriter;
import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.search.VersionedDoc;
import io.kehu.server.lifecycle.StoredProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records assigned owners on profiles: one partial update per profile, conditional on the version the
 * routing walk read. Only {@code owner} is written, never {@code updatedAt}, so the owner write does not
 * make the profile look changed to the next routing walk. On a conflict (the ingest path wrote the
 * profile meanwhile) the profile is read again and written once more unless it has an owner by then.
 */
public final class ProfileOwnerWriter {

    private static final Logger log = LoggerFactory.getLogger(ProfileOwnerWriter.class);

    /** A profile read by the walk and the owner routing gave it. */
    public record Assignment(VersionedDoc<StoredProfile> read, String ownerId) {
    }

    private final Documents docs;
    private final BulkWriter bulk;
    private final IndexNames names;

    public ProfileOwnerWriter(Documents docs, BulkWriter bulk, IndexNames names) {
        this.docs = docs;
        this.bulk = bulk;
        this.names = names;
    }

    /** Returns how many profiles got their owner written; profiles that already have it are left alone. */
    public int write(List<Assignment> assignments) {
        List<Assignment> todo = assignments.stream()
                .filter(a -> a.ownerId() != null && !Objects.equals(a.read().source().profile().owner(), a.ownerId()))
                .toList();
        List<Assignment> conflicts = new ArrayList<>();
        int written = apply(todo, conflicts);
        List<Assignment> retry = new ArrayList<>();
        for (Assignment a : conflicts) {
            docs.get(names.profiles(), a.read().id(), StoredProfile.class)
                    // An owner set meanwhile (by hand, by another node) wins over this run's choice.
                    .filter(fresh -> fresh.source().profile().owner() == null)
                    .ifPresent(fresh -> retry.add(new Assignment(fresh, a.ownerId())));
        }
        List<Assignment> lost = new ArrayList<>();
        written += apply(retry, lost);
        if (!lost.isEmpty()) {
            log.info("{} profile(s) changed twice while their owner was recorded; the next routing run retries",
                    lost.size());
        }
        return written;
    }

    private int apply(List<Assignment> assignments, List<Assignment> conflicts) {
        if (assignments.isEmpty()) {
            return 0;
        }
        List<BulkOperation> ops = new ArrayList<>(assignments.size());
        for (Assignment a : assignments) {
            VersionedDoc<StoredProfile> d = a.read();
            ops.add(BulkOperation.of(b -> b.update(u -> u.index(names.profiles()).id(d.id())
                    .ifSeqNo(d.seqNo()).ifPrimaryTerm(d.primaryTerm())
                    .action(x -> x.doc(Map.of("owner", a.ownerId()))))));
        }
        List<BulkItemResult> results = bulk.execute(ops, false);
        int ok = 0;
        for (int i = 0; i < results.size(); i++) {
            BulkItemResult r = results.get(i);
            if (r.ok()) {
                ok++;
            } else if (r.conflict()) {
                conflicts.add(assignments.get(i));
            } else {
                // Elasticsearch's reason can quote field values: DEBUG only.
                log.debug("An owner write failed: {}", r.reason());
                throw r.retryable() ? HubException.retryable("Elasticsearch pushed back on an owner write", null)
                        : new HubException(HubException.Kind.BUG, "An owner write failed: " + r.errorType());
            }
        }
        return ok;
    }
}
