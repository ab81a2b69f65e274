package io.kehu.server.claims;

import static org.assertj.core.api.Assertions.assertThat;

import io.kehu.search.PoolDoc;
import io.kehu.server.routing.AssignmentState;
import io.kehu.server.routing.ClaimPool;
import io.kehu.server.routing.PoolOffers;
import io.kehu.server.routing.RoutableProfile;
import io.kehu.server.routing.RoutingConfig;
import io.kehu.server.routing.RoutingConfigLoader;
import io.kehu.server.routing.RoutingEngine;
import io.kehu.server.routing.RoutingResult;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PoolDocsTest {

    static final Instant NOW = Instant.parse("2026-06-01T08:00:00Z");
    static final RoutingConfig CONFIG = new RoutingConfigLoader().load(new ByteArrayInputStream("""
            version: 7
            match: all
            owners:
              - { id: ann, name: Ann }
              - { id: bob, name: Bob }
              - { id: dan, name: Dan, active: false }
              - { id: ops, name: Ops }
            defaultAssignee: ops
            rules:
              - id: pool
                destinations:
                  - { instance: crm-a, fields: { Name: name } }
                  - { instance: crm-b, fields: { Name: name } }
                assignment: { strategy: claimPool, params: { owners: [ann, bob, dan], timeout: 2h, requeues: 1 } }
              - id: hook
                destinations: [{ instance: hook, fields: { Name: name } }]
                assignment: { strategy: roundRobin }
            """.getBytes(StandardCharsets.UTF_8)), "test");

    static PoolOffers.Offer offer(String profileId) {
        RoutableProfile p = new RoutableProfile(profileId, "吴一", null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null);
        RoutingResult r = new RoutingEngine(CONFIG).route(p, AssignmentState.EMPTY, Map.of(), NOW);
        return new PoolOffers.Offer(profileId, r);
    }

    @Test
    void anOfferHoldsBackEveryDestinationOfEveryMatchingRuleUntilTheDeadline() {
        PoolDoc doc = PoolDocs.offered(offer("p1"), 7, NOW);

        assertThat(doc.status()).isEqualTo(PoolDoc.OPEN);
        assertThat(doc.ruleId()).as("the first matching rule decides the owner").isEqualTo("pool");
        assertThat(doc.eligible()).containsExactly("ann", "bob");
        assertThat(doc.deadline()).isEqualTo(NOW.plus(Duration.ofHours(2)));
        assertThat(doc.destinations()).containsExactly(new PoolDoc.Destination("pool", "crm-a"),
                new PoolDoc.Destination("pool", "crm-b"), new PoolDoc.Destination("hook", "hook"));
        assertThat(doc.rulesVersion()).isEqualTo(7);
        assertThat(doc.owner()).isNull();
    }

    @Test
    void anOpenLeadIsKeptSoRoutingAgainNeitherReoffersItNorMovesItsDeadline() {
        PoolDoc open = PoolDocs.offered(offer("p1"), 7, NOW);

        assertThat(PoolDocs.keeps(open, CONFIG)).isTrue();
    }

    @Test
    void aSettledLeadIsKeptWhileItsOwnerIsActiveAndOfferedAnewOnceTheOwnerLeft() {
        PoolDoc open = PoolDocs.offered(offer("p1"), 7, NOW);

        assertThat(PoolDocs.keeps(open.settled(PoolDoc.CLAIMED, "ann", "CLAIMED", NOW), CONFIG)).isTrue();
        assertThat(PoolDocs.keeps(open.settled(PoolDoc.CLAIMED, "dan", "CLAIMED", NOW), CONFIG)).isFalse();
        assertThat(PoolDocs.keeps(open.settled(PoolDoc.TIMED_OUT, "gone", "FALLBACK", NOW), CONFIG)).isFalse();
    }

    @Test
    void thePurePoolSeesASettledLeadAsTakenAndAnOpenOneAsClaimable() {
        PoolDoc open = PoolDocs.offered(offer("p1"), 7, NOW);
        PoolDoc taken = PoolDocs.offered(offer("p2"), 7, NOW).settled(PoolDoc.CLAIMED, "ann", "CLAIMED", NOW);
        ClaimPool pool = new ClaimPool(CONFIG);

        var state = PoolDocs.state(List.of(open, taken));

        assertThat(pool.claim(state, "p1", "bob", NOW.plusSeconds(5)).outcome()).isEqualTo(ClaimPool.Outcome.CLAIMED);
        assertThat(pool.claim(state, "p2", "bob", NOW.plusSeconds(5)).outcome())
                .isEqualTo(ClaimPool.Outcome.ALREADY_CLAIMED);
        assertThat(pool.claim(state, "p2", "ann", NOW.plusSeconds(5)).outcome())
                .as("the owner asking again is told it is theirs").isEqualTo(ClaimPool.Outcome.CLAIMED);
        assertThat(pool.claim(state, "p1", "bob", NOW.plus(Duration.ofHours(2))).outcome())
                .isEqualTo(ClaimPool.Outcome.EXPIRED);
    }

    @Test
    void anUnclaimedLeadGoesBackOnceThenFallsToTheDefaultAssigneeAndIsDoneOnlyOnceEnqueued() {
        PoolDoc open = PoolDocs.offered(offer("p1"), 7, NOW);
        ClaimPool pool = new ClaimPool(CONFIG);
        Instant due = NOW.plus(Duration.ofHours(2));

        ClaimPool.Expired first = pool.expire(PoolDocs.state(List.of(open)), due).expired().get(0);
        PoolDoc again = open.requeued(first.decision().eligible(), first.decision().deadline(), due);
        ClaimPool.Expired second = pool.expire(PoolDocs.state(List.of(again)), again.deadline()).expired().get(0);
        PoolDoc fallen = again.settled(PoolDoc.TIMED_OUT, second.decision().ownerId(),
                second.decision().kind().name(), again.deadline());

        assertThat(again.open()).isTrue();
        assertThat(again.requeues()).isEqualTo(1);
        assertThat(again.deadline()).isEqualTo(due.plus(Duration.ofHours(2)));
        assertThat(fallen.owner()).isEqualTo("ops");
        assertThat(fallen.ownerKind()).isEqualTo("DEFAULT");
        assertThat(fallen.awaitingDelivery()).isTrue();
        assertThat(fallen.enqueued(again.deadline()).awaitingDelivery()).isFalse();
    }
}
