package io.kehu.server.merges;

import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.kehu.api.HubException;
import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.search.StateDoc;
import io.kehu.server.identity.BlockList;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The block list kept at run time: identifier keys a person said must never link two people (the
 * switchboard number found when undoing a merge, a shared mailbox). Stored in the state index; identity
 * resolution asks {@link #keys()} on every identifier, which answers from memory and reloads at most every
 * {@link #RELOAD}, so other hub nodes follow within that time and this one at once.
 */
public final class BlockedIdentifiers {

    public static final String SCOPE = "identity-blocked";
    static final Duration RELOAD = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(BlockedIdentifiers.class);
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    /** One blocked identifier, with who blocked it, why and when. */
    public record Entry(String key, String by, String reason, Instant at) {
    }

    private final Documents docs;
    private final IndexNames names;
    private final Clock clock;
    private volatile Set<String> keys;
    private volatile Instant loadedAt = Instant.MIN;

    public BlockedIdentifiers(Documents docs, IndexNames names, Clock clock) {
        this.docs = docs;
        this.names = names;
        this.clock = clock;
    }

    /** The blocked keys in {@link BlockList#keyForm} form; a failed reload keeps the last list. */
    public Set<String> keys() {
        Set<String> current = keys;
        if (current != null && loadedAt.plus(RELOAD).isAfter(clock.instant())) {
            return current;
        }
        synchronized (this) {
            if (keys == null || !loadedAt.plus(RELOAD).isAfter(clock.instant())) {
                try {
                    keys = list().stream().map(Entry::key).collect(Collectors.toUnmodifiableSet());
                } catch (HubException e) {
                    log.warn("Could not reload the blocked identifiers, keeping the {} known: {}",
                            keys == null ? 0 : keys.size(), e.getMessage());
                    keys = keys == null ? Set.of() : keys;
                }
                loadedAt = clock.instant();
            }
            return keys;
        }
    }

    /** Every blocked identifier, sorted by key. */
    public List<Entry> list() {
        String index = names.state();
        var r = Documents.call(() -> docs.client().search(s -> s.index(index).size(10_000)
                .query(q -> q.term(t -> t.field("scope").value(SCOPE))), StateDoc.class), index);
        return r.hits().hits().stream().map(Hit::source).map(BlockedIdentifiers::entry)
                .sorted(Comparator.comparing(Entry::key)).toList();
    }

    /** Blocks {@code key}, a normalized identifier key; visible to this node's resolution at once. */
    public Entry add(String key, String by, String reason) {
        StateDoc doc = stateDoc(key, by, reason);
        docs.put(names.state(), StateDoc.id(SCOPE, doc.key()), doc, true);
        forget();
        return entry(doc);
    }

    /** The same as {@link #add}, as one operation of a caller's bulk request; call {@link #forget} once it is written. */
    public BulkOperation addOperation(String key, String by, String reason) {
        StateDoc doc = stateDoc(key, by, reason);
        return BulkOperation.of(o -> o.index(x -> x.index(names.state()).id(StateDoc.id(SCOPE, doc.key())).document(doc)));
    }

    /** @return whether the key was blocked */
    public boolean remove(String key) {
        String id = StateDoc.id(SCOPE, BlockList.keyForm(key));
        boolean existed = docs.get(names.state(), id, StateDoc.class).isPresent();
        docs.delete(names.state(), id);
        Documents.call(() -> docs.client().indices().refresh(r -> r.index(names.state())), names.state());
        forget();
        return existed;
    }

    /** Drops the in-memory list, so the next check reads the stored one. */
    public void forget() {
        loadedAt = Instant.MIN;
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
