package io.kehu.server.delivery;

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
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.elasticsearch.client.ResponseException;

/**
 * Stores each destination instance's {@link DailyCalls} in one document of the state index, hub-owned (scope
 * {@code hub.delivery}: no instance id contains a dot, so no plugin's state can take its id). Every write is
 * conditional on the version read, so concurrent writers, on this node or another, cannot both count the same call.
 */
final class CallLedger {

    static final String SCOPE = "hub.delivery";

    /** Another writer changed the record since it was read. */
    static final class Conflict extends RuntimeException {
        Conflict() {
            super("The call count was changed by another writer", null, false, false);
        }
    }

    /** A record with the version a conditional write needs; seqNo -1 when none is stored yet. */
    record Versioned(DailyCalls calls, long seqNo, long primaryTerm) {
    }

    /** The stored form: plain strings, so the value reads the same whatever the JSON mapper's time settings. */
    record Stored(String day, long calls, String pausedUntil) {
    }

    private final Documents docs;
    private final IndexNames names;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    CallLedger(Documents docs, IndexNames names, Clock clock) {
        this.docs = docs;
        this.names = names;
        this.clock = clock;
    }

    /** The stored record; with none stored, no calls on {@code today}. */
    Versioned read(String destination, LocalDate today) {
        Optional<VersionedDoc<StateDoc>> doc = docs.get(names.state(), StateDoc.id(SCOPE, destination), StateDoc.class);
        if (doc.isEmpty()) {
            return new Versioned(DailyCalls.none(today), -1, -1);
        }
        try {
            Stored s = json.readValue(doc.get().source().value(), Stored.class);
            DailyCalls calls = new DailyCalls(LocalDate.parse(s.day()), s.calls(),
                    s.pausedUntil() == null ? null : Instant.parse(s.pausedUntil()));
            return new Versioned(calls, doc.get().seqNo(), doc.get().primaryTerm());
        } catch (JsonProcessingException | RuntimeException e) {
            throw new HubException(HubException.Kind.BUG, "The stored call count of " + destination + " cannot be read", e);
        }
    }

    /**
     * Writes {@code next} if the stored record is still {@code read}'s version.
     *
     * @throws Conflict when another writer changed it meanwhile
     */
    void write(String destination, Versioned read, DailyCalls next) {
        String value;
        try {
            value = json.writeValueAsString(new Stored(next.day().toString(), next.calls(),
                    next.pausedUntil() == null ? null : next.pausedUntil().toString()));
        } catch (JsonProcessingException e) {
            throw new HubException(HubException.Kind.BUG, "The call count cannot be written", e);
        }
        StateDoc doc = new StateDoc(SCOPE, destination, value, clock.instant());
        String index = names.state();
        try {
            docs.client().index(i -> {
                i.index(index).id(StateDoc.id(SCOPE, destination)).document(doc);
                // None stored yet: create only, so two first writers do not both succeed.
                return read.seqNo() < 0 ? i.opType(OpType.Create)
                        : i.ifSeqNo(read.seqNo()).ifPrimaryTerm(read.primaryTerm());
            });
        } catch (ElasticsearchException e) {
            if (e.status() == 409) {
                throw new Conflict();
            }
            throw HubException.retryable("Elasticsearch refused the call count of " + destination + ": " + e.error().type(), e);
        } catch (IOException e) {
            // The transport reports some refusals (a create that finds the document there) as an I/O error.
            if (e instanceof ResponseException r && r.getResponse().getStatusLine().getStatusCode() == 409) {
                throw new Conflict();
            }
            throw HubException.retryable("Elasticsearch unavailable while counting the calls of " + destination, e);
        }
    }
}
