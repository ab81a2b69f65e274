package io.kehu.server.privacy;

import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import io.kehu.api.HubException;
import io.kehu.api.domain.Identifier;
import io.kehu.search.BulkItemResult;
import io.kehu.search.BulkWriter;
import io.kehu.search.IndexNames;
import io.kehu.search.PointInTimeScan;
import io.kehu.search.SuppressionDoc;
import io.kehu.server.work.FollowedSet;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The salted hashes of erased people's identifiers, held in memory so the ingest check never waits for
 * Elasticsearch: a {@link FollowedSet} loaded at start, re-read every interval to follow erasures and lifts on
 * other hub nodes ({@link #run}), and changed at once for this node's own. Only counts are logged, never hashes.
 */
public final class Suppressions implements SuppressionCheck, Runnable {

    private static final int PAGE_SIZE = 1000;

    private final IdentifierHashes hashes;
    private final BulkWriter bulk;
    private final IndexNames names;
    private final Clock clock;
    private final FollowedSet<String> set;

    public Suppressions(IdentifierHashes hashes, PointInTimeScan scan, BulkWriter bulk, IndexNames names, Clock clock) {
        this.hashes = hashes;
        this.bulk = bulk;
        this.names = names;
        this.clock = clock;
        // The scan refreshes first, so it sees every suppression this node stored before it began.
        this.set = new FollowedSet<>("erasure suppressions", () -> {
            Set<String> loaded = new HashSet<>();
            scan.scan(names.suppressions(), null, List.of(), PAGE_SIZE, SuppressionDoc.class,
                    page -> page.forEach(d -> loaded.add(d.id())));
            return loaded;
        });
    }

    @Override
    public boolean suppressed(List<Identifier> normalized) {
        Set<String> current = set.current();
        if (current.isEmpty()) {
            // The usual case: no hashing at all.
            return false;
        }
        for (Identifier id : normalized) {
            if (current.contains(hashes.hash(id.key()))) {
                return true;
            }
        }
        return false;
    }

    public int size() {
        return set.size();
    }

    /** Reads the whole set from Elasticsearch; what this node changed meanwhile is kept. Throws on failure. */
    public void load() {
        set.load();
    }

    /** The follower's run: a failed read keeps the set as it was until the next one. */
    @Override
    public void run() {
        set.run();
    }

    /**
     * Stores the hashes of {@code identifierKeys} (normalized keys) and puts them in force on this node.
     *
     * @return how many distinct hashes are stored
     */
    public int suppress(Collection<String> identifierKeys, String erasureId) {
        Map<String, SuppressionDoc> docs = new LinkedHashMap<>();
        for (String key : identifierKeys) {
            String hash = hashes.hash(key);
            docs.put(hash, new SuppressionDoc(hash, key.substring(0, Math.max(0, key.indexOf(':'))), erasureId,
                    clock.instant()));
        }
        List<BulkOperation> ops = docs.values().stream().map(d -> BulkOperation.of(b -> b.index(i -> i
                .index(names.suppressions()).id(d.hash()).document(d)))).toList();
        bulk.executeAll(ops, false, "erasure suppression");
        set.added(docs.keySet());
        return docs.size();
    }

    /**
     * Lifts the suppression of one normalized identifier (the person consented again).
     *
     * @return whether it was suppressed
     */
    public boolean lift(Identifier normalized) {
        String hash = hashes.hash(normalized.key());
        List<BulkItemResult> r = bulk.execute(List.of(BulkOperation.of(b -> b.delete(d -> d
                .index(names.suppressions()).id(hash)))), false);
        BulkItemResult item = r.get(0);
        if (!item.ok() && item.status() != 404) {
            throw HubException.retryable("Could not lift the suppression: " + item.errorType(), null);
        }
        set.removed(List.of(hash));
        return item.ok();
    }
}
