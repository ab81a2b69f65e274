package io.kehu.server.routing;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.OpType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kehu.api.HubException;
import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.search.StateDoc;
import io.kehu.search.VersionedDoc;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.elasticsearch.client.ResponseException;

/**
 * Keeps the {@link RoutingCheckpoint} in one document of the state index. Every write is conditional on
 * the version read, so when two hub nodes route at once only one advances the checkpoint; the other
 * gets {@link Conflict} and stops its run.
 */
public final class RoutingStateStore {

    static final String SCOPE = "routing";
    static final String KEY = "checkpoint";

    /** Another node wrote the checkpoint since it was read. */
    public static final class Conflict extends RuntimeException {
        Conflict() {
            super("The routing checkpoint was advanced by another run", null, false, false);
        }
    }

    /** A checkpoint with the version a conditional write needs; seqNo -1 when none is stored yet. */
    public record Versioned(RoutingCheckpoint checkpoint, long seqNo, long primaryTerm) {
    }

    private final Documents docs;
    private final IndexNames names;
    private final ObjectMapper json;
    private final Clock clock;

    public RoutingStateStore(Documents docs, IndexNames names, ObjectMapper json, Clock clock) {
        this.docs = docs;
        this.names = names;
        this.json = json;
        this.clock = clock;
    }

    public Versioned read() {
        Optional<VersionedDoc<StateDoc>> doc = docs.get(names.state(), StateDoc.id(SCOPE, KEY), StateDoc.class);
        if (doc.isEmpty()) {
            return new Versioned(RoutingCheckpoint.START, -1, -1);
        }
        try {
            RoutingCheckpoint c = json.readValue(doc.get().source().value(), RoutingCheckpoint.class);
            return new Versioned(c, doc.get().seqNo(), doc.get().primaryTerm());
        } catch (JsonProcessingException e) {
            throw new HubException(HubException.Kind.BUG, "The stored routing checkpoint cannot be read", e);
        }
    }

    /**
     * Writes {@code next} if the stored document is still {@code read}'s version; returns the new version.
     *
     * @throws Conflict when another run wrote it meanwhile
     */
    public Versioned write(Versioned read, RoutingCheckpoint next) {
        String value;
        try {
            value = json.writeValueAsString(next);
        } catch (JsonProcessingException e) {
            throw new HubException(HubException.Kind.BUG, "The routing checkpoint cannot be written", e);
        }
        StateDoc doc = new StateDoc(SCOPE, KEY, value, clock.instant());
        String index = names.state();
        try {
            var r = docs.client().index(i -> {
                i.index(index).id(StateDoc.id(SCOPE, KEY)).document(doc);
                // No stored version yet: create only, so two first runs do not both write.
                return read.seqNo() < 0 ? i.opType(OpType.Create)
                        : i.ifSeqNo(read.seqNo()).ifPrimaryTerm(read.primaryTerm());
            });
            return new Versioned(next, r.seqNo(), r.primaryTerm());
        } catch (ElasticsearchException e) {
            if (e.status() == 409) {
                throw new Conflict();
            }
            throw HubException.retryable("Elasticsearch refused the routing checkpoint: " + e.error().type(), e);
        } catch (IOException e) {
            // The transport reports some refusals (a create that finds the document there) as an I/O error.
            if (e instanceof ResponseException r && r.getResponse().getStatusLine().getStatusCode() == 409) {
                throw new Conflict();
            }
            throw HubException.retryable("Elasticsearch unavailable while writing the routing checkpoint", e);
        }
    }
}
