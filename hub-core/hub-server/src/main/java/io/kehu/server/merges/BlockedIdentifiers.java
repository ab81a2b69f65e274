package io.kehu.server.merges;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.search.PointInTimeScan;
import io.kehu.search.StateDoc;
import io.kehu.server.identity.BlockList;
import io.kehu.server.work.FollowedSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The block list kept at run time: identifier keys a person said must never link two people (the
 * switchboard number found when undoing a merge, a shared mailbox). Stored in the state index; identity
 * resolution asks {@link #keys()} on every identifier, which answers from a {@link FollowedSet} in memory:
 * loaded at start, re-read by {@link #run} every interval to follow other hub nodes, changed at once for
 * this node's own additions and removals.
 */
public final class BlockedIdentifiers implements Runnable {

    public static final String SCOPE = "identity-blocked";

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
    private static final int PAGE_SIZE = 1000;

    /** One blocked identifier, with who blocked it, why and when. */
    public record Entry(String key, String by, String reason, Instant at) {
    }

    private final Documents docs;
    private final IndexNames names;
    private final PointInTimeScan scan;
    private final Clock clock;
    private final FollowedSet<String> keys;

    public BlockedIdentifiers(Documents docs, IndexNames names, Clock clock) {
        this.docs = docs;
        this.names = names;
        this.scan = new PointInTimeScan(docs.client());
        this.clock = clock;
        this.keys = new FollowedSet<>("blocked identifiers",
                () -> stored().stream().map(Entry::key).collect(Collectors.toSet()));
    }

    /** The blocked keys in {@link BlockList#keyForm} form, from memory; resolution asks on every identifier. */
    public Set<String> keys() {
        return keys.current();
    }

    /** Reads the whole list from Elasticsearch, keeping what this node changed meanwhile; throws on failure. */
    public void load() {
        keys.load();
    }

    /** The follower's run: a failed read keeps the list as it was until the next one. */
    @Override
    public void run() {
        keys.run();
    }

    /** Every blocked identifier, sorted by key. */
    public List<Entry> list() {
        return stored().stream().sorted(Comparator.comparing(Entry::key)).toList();
    }

    /** Blocks {@code key}, a normalized identifier key; visible to this node's resolution at once. */
    public Entry add(String key, String by, String reason) {
        StateDoc doc = stateDoc(key, by, reason);
        docs.put(names.state(), StateDoc.id(SCOPE, doc.key()), doc, true);
        keys.added(List.of(doc.key()));
        return entry(doc);
    }

    /** The same as {@link #add}, as one operation of a caller's bulk request; call {@link #written} once it is stored. */
    public BulkOperation addOperation(String key, String by, String reason) {
        StateDoc doc = stateDoc(key, by, reason);
        return BulkOperation.of(o -> o.index(x -> x.index(names.state()).id(StateDoc.id(SCOPE, doc.key())).document(doc)));
    }

    /** The keys of {@link #addOperation}s the caller's bulk request stored: in force on this node from now on. */
    public void written(Collection<String> keys) {
        this.keys.added(keys.stream().map(BlockList::keyForm).toList());
    }

    /** @return whether the key was blocked */
    public boolean remove(String key) {
        String folded = BlockList.keyForm(key);
        String id = StateDoc.id(SCOPE, folded);
        boolean existed = docs.get(names.state(), id, StateDoc.class).isPresent();
        docs.delete(names.state(), id);
        keys.removed(List.of(folded));
        return existed;
    }

    /** Every stored entry; the scan refreshes first, so it sees what this node stored before it began. */
    private List<Entry> stored() {
        List<Entry> entries = new ArrayList<>();
        scan.scan(names.state(), Query.of(q -> q.term(t -> t.field("scope").value(SCOPE))), List.of(), PAGE_SIZE,
                StateDoc.class, page -> page.forEach(d -> entries.add(entry(d.source()))));
        return entries;
    }

    private StateDoc stateDoc(String key, String by, String reason) {
        Entry e = new Entry(BlockList.keyForm(key), by, reason, clock.instant());
        try {
            return new StateDoc(SCOPE, e.key(), JSON.writeValueAsString(e), e.at());
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static Entry entry(StateDoc d) {
        try {
            return JSON.readValue(d.value(), Entry.class);
        } catch (JsonProcessingException ex) {
            // Written by hand or damaged: the key still blocks.
            return new Entry(d.key(), null, null, d.updatedAt());
        }
    }
}
