package io.kehu.server.routing;

import io.kehu.api.testing.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.kehu.api.domain.Identifier;
import io.kehu.api.domain.Interaction;
import io.kehu.api.domain.Lead;
import io.kehu.api.domain.SourceRecord;
import io.kehu.search.BulkWriter;
import io.kehu.search.Documents;
import io.kehu.search.IdentifierDoc;
import io.kehu.search.IndexNames;
import io.kehu.search.OutboxDoc;
import io.kehu.search.PointInTimeScan;
import io.kehu.search.VersionedDoc;
import io.kehu.search.testing.TestElasticsearch;
import io.kehu.server.delivery.DeliverySettings;
import io.kehu.server.delivery.Deliveries;
import io.kehu.server.identity.BlockList;
import io.kehu.server.identity.IdentifierNormalizer;
import io.kehu.server.ingest.IngestService;
import io.kehu.server.lifecycle.LifecycleConfigLoader;
import io.kehu.server.lifecycle.LifecycleRules;
import io.kehu.server.lifecycle.StageChangeRecorder;
import io.kehu.server.lifecycle.StoredProfile;
import io.kehu.server.work.RetryPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Routing wired as the hub wires it, against fresh indices on the real node: the ingest path writes
 * profiles (with stages from their interactions, and merges), a run routes them into a real outbox. No
 * delivery workers: tests read the outbox, and stand in for a destination's answer where they need one.
 */
final class RoutingTestBed {

    private static final AtomicInteger RUN = new AtomicInteger();
    private static final IdentifierNormalizer NORMALIZER = IdentifierNormalizer.create("CN", BlockList.defaults());

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T08:00:00Z"));
    final ElasticsearchClient client = TestElasticsearch.client();
    final IndexNames names;
    final Documents docs = new Documents(client);
    final BulkWriter bulk = new BulkWriter(client);
    final LifecycleRules lifecycle = new LifecycleRules(new LifecycleConfigLoader().loadDefault());
    final IngestService ingest;
    final Deliveries deliveries;
    final RoutingStateStore state;
    final RoutingRules rules;
    final RoutingService routing;

    /** The destination instances the hub has; a test may add one later. */
    final Set<String> destinations = java.util.concurrent.ConcurrentHashMap.newKeySet();

    RoutingTestBed(Class<?> test, String routingYaml, Set<String> destinations) {
        this.destinations.addAll(destinations);
        names = TestElasticsearch.indices(TestElasticsearch.indexPrefix(test) + RUN.incrementAndGet() + "-");
        ingest = new IngestService(docs, bulk, names, NORMALIZER, lifecycle, new StageChangeRecorder(names, List.of()),
                clock, 1000, true);
        deliveries = Deliveries.create(docs, bulk, names, new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(5)),
                new DeliverySettings(Duration.ofSeconds(30), Duration.ofSeconds(5)), clock);
        state = new RoutingStateStore(docs, names, new ObjectMapper().registerModule(new JavaTimeModule()), clock);
        rules = new RoutingRules(RoutingFixtures.config(routingYaml));
        routing = new RoutingService(new PointInTimeScan(client), names, rules, deliveries.outbox(),
                new ProfileOwnerWriter(docs, bulk, names), state, (offers, current) -> { }, clock, 100, docs,
                () -> Set.copyOf(this.destinations),
                new OwnerConversionRates(docs, names, lifecycle, Duration.ofDays(90), 10));
    }

    /** Ingests one record for a person known by {@code phone} (and {@code email}, if given); returns the profile id. */
    String ingest(String key, String name, String phone, String email, List<String> tags, String interactionType) {
        return ingest(key, name, phone, email, tags, null, interactionType);
    }

    /** {@link #ingest} with the owner the source names. */
    String ingest(String key, String name, String phone, String email, List<String> tags, String owner,
                  String interactionType) {
        List<Identifier> ids = email == null ? List.of(Identifier.phone(phone))
                : List.of(Identifier.phone(phone), Identifier.email(email));
        Lead lead = new Lead(name, "蓝心软件", null, null, ids, "test", tags, null, owner, Map.of(), clock.instant());
        Interaction interaction = interactionType == null ? null
                : new Interaction("i-" + key, interactionType, "email", clock.instant(), interactionType, Map.of());
        assertThat(ingest.submit("test", List.of(new SourceRecord(key, key, lead, interaction))).rejected()).isEmpty();
        return ingestedAs(phone);
    }

    /** The profile a phone number belongs to. */
    String ingestedAs(String phone) {
        String claim = NORMALIZER.normalizeAll(List.of(Identifier.phone(phone))).get(0).normalized().key();
        return docs.get(names.identifiers(), claim, IdentifierDoc.class).orElseThrow().source().profileId();
    }

    RoutingService.Result run() {
        return run(false);
    }

    /** A run; {@code all} walks every profile, not only the changed ones. */
    RoutingService.Result run(boolean all) {
        clock.advance(Duration.ofSeconds(1));
        return routing.runIfIdle(all).orElseThrow();
    }

    OutboxDoc entry(String destination, String profileId) {
        return deliveries.outbox().get(destination, profileId).orElseThrow();
    }

    boolean hasEntry(String destination, String profileId) {
        return deliveries.outbox().get(destination, profileId).isPresent();
    }

    /** Stands in for the destination: the entry was delivered and the record has {@code remoteId}. */
    void delivered(String destination, String profileId, String remoteId) {
        OutboxDoc d = entry(destination, profileId);
        OutboxDoc done = d.withAttempt(OutboxDoc.DELIVERED, remoteId, 1, null, "CREATED", null, null, clock.instant(),
                clock.instant(), clock.instant());
        try {
            client.index(i -> i.index(names.outbox()).id(done.id()).document(done).refresh(
                    co.elastic.clients.elasticsearch._types.Refresh.True));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    VersionedDoc<StoredProfile> profile(String id) {
        return docs.get(names.profiles(), id, StoredProfile.class).orElseThrow();
    }
}
