package io.kehu.search;

import java.time.Instant;
import java.util.Optional;

/** Durable per-scope key-value state in the state index (connector cursors, tokens, progress). */
public final class KeyValueStore {

    private final Documents docs;
    private final IndexNames names;

    public KeyValueStore(Documents docs, IndexNames names) {
        this.docs = docs;
        this.names = names;
    }

    public Optional<String> get(String scope, String key) {
        return docs.get(names.state(), StateDoc.id(scope, key), StateDoc.class).map(d -> d.source().value());
    }

    /** Returns once Elasticsearch acknowledged the write. */
    public void put(String scope, String key, String value) {
        docs.put(names.state(), StateDoc.id(scope, key), new StateDoc(scope, key, value, Instant.now()), false);
    }

    public void delete(String scope, String key) {
        docs.delete(names.state(), StateDoc.id(scope, key));
    }
}
