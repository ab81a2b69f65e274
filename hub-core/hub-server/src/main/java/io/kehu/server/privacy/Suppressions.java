package io.kehu.server.privacy;

import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import io.kehu.api.HubException;
import io.kehu.api.domain.Identifier;
import io.kehu.search.BulkItemResult;
import io.kehu.search.BulkWriter;
import io.kehu.search.IndexNames;
import io.kehu.search.PointInTimeScan;
import io.kehu.search.SuppressionDoc;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The salted hashes of erased people's identifiers, held in memory so the ingest check never waits for
 * Elasticsearch: loaded at start, re-read every interval to follow erasures and lifts on other hub nodes
 * ({@link #run}), and changed at once for this node's own. Only counts are logged, never hashes.
 */
public final class Suppressions implements SuppressionCheck, Runnable {

    private static final Logger log = LoggerFactory.getLogger(Suppressions.class);
    private static final int PAGE_SIZE = 1000;

    private final IdentifierHashes hashes;
    private final PointInTimeScan scan;
    private final BulkWriter bulk;
    private final IndexNames names;
    private final Clock clock;

    private volatile Set<String> current = Set.of();
    /** This node's changes by sequence number: a reload that began before one must not undo it. */
    private final Map<Long, Change> recent = new LinkedHashMap<>();
    private long sequence;

    private record Change(String hash, boolean suppressed) {
    }

    public Suppressions(IdentifierHashes hashes, PointInTimeScan scan, BulkWriter bulk, IndexNames names, Clock clock) {
        this.hashes = hashes;
        this.scan = scan;
        this.bulk = bulk;
        this.names = names;
        this.clock = clock;
    }

    @Override
    public boolean suppressed(List<Identifier> normalized) {
        Set<String> set = current;
        if (set.isEmpty()) {
            // The usual case: no hashing at all.
            return false;
        }
        for (Identifier id : normalized) {
            if (set.contains(hashes.hash(id.key()))) {
                return true;
            }
        }
        return false;
    }

    public int size() {
        return current.size();
    }

    /** Reads the whole set from Elasticsearch; what this node changed meanwhile is kept. */
    public void load() {
        long before;
        synchronized (this) {
            before = sequence;
        }
        Set<String> loaded = new HashSet<>();
        scan.scan(names.suppressions(), null, List.of(), PAGE_SIZE, SuppressionDoc.class,
                page -> page.forEach(d -> loaded.add(d.id())));
        synchronized (this) {
            // A change numbered up to `before` was acknowledged before the scan's refresh, so the scan saw it.
            recent.keySet().removeIf(n -> n <= before);
            recent.values().forEach(c -> apply(loaded, c));
            current = Set.copyOf(loaded);
        }
    }

    /** The follower's run: a failed read keeps the set as it was until the next one. */
    @Override
    public void run() {
        int before = size();
        try {
            load();
        } catch (RuntimeException e) {
            log.warn("Could not re-read the erasure suppressions, keeping {} in force: {}", before, e.getMessage());
            return;
        }
        if (size() != before) {
            log.info("Erasure suppressions: {} in force (was {}), following other hub nodes", size(), before);
        }
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
        docs.keySet().forEach(h -> change(new Change(h, true)));
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
        change(new Change(hash, false));
        return item.ok();
    }

    private synchronized void change(Change c) {
        recent.put(++sequence, c);
        Set<String> next = new HashSet<>(current);
        apply(next, c);
        current = Set.copyOf(next);
    }

    private static void apply(Set<String> set, Change c) {
        if (c.suppressed()) {
            set.add(c.hash());
        } else {
            set.remove(c.hash());
        }
    }
}
