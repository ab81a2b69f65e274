package io.kehu.server.routing;

import io.kehu.server.routing.ClaimPool.ClaimResult;
import io.kehu.server.routing.ClaimPool.ExpiryResult;
import io.kehu.server.routing.ClaimPool.Outcome;
import io.kehu.server.routing.OwnerDecision.Kind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.kehu.server.routing.RoutingFixtures.NOW;
import static io.kehu.server.routing.RoutingFixtures.profile;
import static io.kehu.server.routing.RoutingFixtures.withRules;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClaimPoolTest {

    private static final Instant DEADLINE = NOW.plus(Duration.ofHours(4));

    private static RoutingConfig config(String params, String fallback) {
        return withRules("first", """
                - id: pool
                  destinations: [{ instance: crm, fields: { Name: name } }]
                  assignment: { strategy: claimPool, params: %s%s }
                """.formatted(params, fallback == null ? "" : ", fallback: " + fallback));
    }

    /** Routes profile {@code id} by {@code config} and offers it to an empty pool. */
    private static PoolState offered(RoutingConfig config, RoutableProfile p) {
        RoutingResult r = new RoutingEngine(config).route(p, AssignmentState.EMPTY, Map.of(), NOW);
        return new ClaimPool(config).offer(PoolState.EMPTY, p.id(), "pool", r.owner(), NOW);
    }

    private static final RoutingConfig FOUR_HOURS = config("{ owners: [ann, bob, dan], timeout: 4h }", "cai");

    @Test
    void routingOffersTheLeadToActiveCandidatesWithADeadline() {
        RoutingResult r = new RoutingEngine(FOUR_HOURS).route(profile("p1").build(), AssignmentState.EMPTY, Map.of(), NOW);

        OwnerDecision d = r.owner();
        assertThat(d.kind()).isEqualTo(Kind.POOL);
        assertThat(d.settled()).isFalse();
        assertThat(d.eligible()).containsExactly("ann", "bob");
        assertThat(d.deadline()).isEqualTo(DEADLINE);
        assertThat(r.decisions()).singleElement().satisfies(rd -> assertThat(rd.remoteOwnerId()).isNull());
    }

    @Test
    void eligibleOwnerClaimsTheLead() {
        ClaimPool pool = new ClaimPool(FOUR_HOURS);
        ClaimResult result = pool.claim(offered(FOUR_HOURS, profile("p1").build()), "p1", "bob", NOW.plusSeconds(60));

        assertThat(result.outcome()).isEqualTo(Outcome.CLAIMED);
        assertThat(result.decision()).extracting(OwnerDecision::kind, OwnerDecision::ownerId)
                .containsExactly(Kind.CLAIMED, "bob");
        assertThat(result.state().entry("p1").claimedBy()).isEqualTo("bob");
        assertThat(result.state().open()).isEmpty();
    }

    @Test
    void secondClaimIsRefusedAndTheFirstClaimantKeepsTheLead() {
        ClaimPool pool = new ClaimPool(FOUR_HOURS);
        PoolState claimed = pool.claim(offered(FOUR_HOURS, profile("p1").build()), "p1", "ann", NOW).state();

        ClaimResult second = pool.claim(claimed, "p1", "bob", NOW.plusSeconds(1));
        ClaimResult again = pool.claim(claimed, "p1", "ann", NOW.plusSeconds(2));

        assertThat(second.outcome()).isEqualTo(Outcome.ALREADY_CLAIMED);
        assertThat(second.decision()).isNull();
        assertThat(second.state().entry("p1").claimedBy()).isEqualTo("ann");
        assertThat(again.outcome()).isEqualTo(Outcome.CLAIMED);
        assertThat(again.decision().ownerId()).isEqualTo("ann");
    }

    @Test
    void ineligibleInactiveAndUnknownOwnersCannotClaim() {
        ClaimPool pool = new ClaimPool(FOUR_HOURS);
        PoolState state = offered(FOUR_HOURS, profile("p1").build());

        assertThat(pool.claim(state, "p1", "cai", NOW).outcome()).isEqualTo(Outcome.NOT_ELIGIBLE);
        assertThat(pool.claim(state, "p1", "dan", NOW).outcome()).isEqualTo(Outcome.NOT_ELIGIBLE);
        assertThat(pool.claim(state, "p1", "nobody", NOW).outcome()).isEqualTo(Outcome.NOT_ELIGIBLE);
        assertThat(pool.claim(state, "p2", "ann", NOW).outcome()).isEqualTo(Outcome.NOT_IN_POOL);
        assertThat(pool.claim(state, "p1", "cai", NOW).state()).isSameAs(state);
    }

    @Test
    void claimAtTheDeadlineComesTooLate() {
        ClaimPool pool = new ClaimPool(FOUR_HOURS);

        assertThat(pool.claim(offered(FOUR_HOURS, profile("p1").build()), "p1", "ann", DEADLINE).outcome())
                .isEqualTo(Outcome.EXPIRED);
    }

    @Test
    void reOfferingAnOpenLeadKeepsItsDeadline() {
        ClaimPool pool = new ClaimPool(FOUR_HOURS);
        PoolState state = offered(FOUR_HOURS, profile("p1").build());
        OwnerDecision later = new RoutingEngine(FOUR_HOURS)
                .route(profile("p1").build(), AssignmentState.EMPTY, Map.of(), NOW.plusSeconds(3600)).owner();

        assertThat(pool.offer(state, "p1", "pool", later, NOW.plusSeconds(3600)).entry("p1").deadline()).isEqualTo(DEADLINE);
        assertThatThrownBy(() -> pool.offer(state, "p2", "pool",
                OwnerDecision.of(Kind.ASSIGNED, "ann", "roundRobin", "x"), NOW)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nothingExpiresBeforeTheDeadline() {
        ClaimPool pool = new ClaimPool(FOUR_HOURS);
        PoolState state = offered(FOUR_HOURS, profile("p1").build());

        ExpiryResult result = pool.expire(state, DEADLINE.minusMillis(1));

        assertThat(result.expired()).isEmpty();
        assertThat(result.state()).isEqualTo(state);
    }

    @Test
    void unclaimedLeadGoesToTheFallbackAtTheDeadline() {
        ClaimPool pool = new ClaimPool(FOUR_HOURS);

        ExpiryResult result = pool.expire(offered(FOUR_HOURS, profile("p1").build()), DEADLINE);

        assertThat(result.expired()).singleElement().satisfies(e -> {
            assertThat(e.profileId()).isEqualTo("p1");
            assertThat(e.decision()).extracting(OwnerDecision::kind, OwnerDecision::ownerId)
                    .containsExactly(Kind.FALLBACK, "cai");
            assertThat(e.decision().reason()).contains("unclaimed by the deadline");
        });
        assertThat(result.state().entries()).isEmpty();
    }

    @Test
    void unclaimedLeadGoesBackToThePoolWhileRequeuesRemainThenToTheFallback() {
        RoutingConfig config = config("{ owners: [ann, bob], timeout: 30m, requeues: 1 }", "cai");
        ClaimPool pool = new ClaimPool(config);
        PoolState state = offered(config, profile("p1").build());
        Instant firstDeadline = NOW.plus(Duration.ofMinutes(30));

        ExpiryResult first = pool.expire(state, firstDeadline);
        assertThat(first.expired()).singleElement().satisfies(e -> {
            assertThat(e.decision().kind()).isEqualTo(Kind.POOL);
            assertThat(e.decision().deadline()).isEqualTo(firstDeadline.plus(Duration.ofMinutes(30)));
        });
        assertThat(first.state().entry("p1").requeues()).isEqualTo(1);
        assertThat(pool.claim(first.state(), "p1", "ann", firstDeadline.plusSeconds(60)).outcome())
                .isEqualTo(Outcome.CLAIMED);

        ExpiryResult second = pool.expire(first.state(), firstDeadline.plus(Duration.ofMinutes(30)));
        assertThat(second.expired()).singleElement()
                .satisfies(e -> assertThat(e.decision().ownerId()).isEqualTo("cai"));
        assertThat(second.state().entries()).isEmpty();
    }

    @Test
    void timeoutWithoutFallbackGoesToTheDefaultAssignee() {
        RoutingConfig config = config("{ timeout: 1h }", null);

        ExpiryResult result = new ClaimPool(config).expire(offered(config, profile("p1").build()), NOW.plusSeconds(3600));

        assertThat(result.expired()).singleElement().satisfies(e -> assertThat(e.decision())
                .extracting(OwnerDecision::kind, OwnerDecision::ownerId).containsExactly(Kind.DEFAULT, "ops"));
    }

    @Test
    void claimedLeadsAreDroppedOnceTheirDeadlinePasses() {
        ClaimPool pool = new ClaimPool(FOUR_HOURS);
        PoolState claimed = pool.claim(offered(FOUR_HOURS, profile("p1").build()), "p1", "ann", NOW).state();

        ExpiryResult result = pool.expire(claimed, DEADLINE);

        assertThat(result.expired()).isEmpty();
        assertThat(result.state().entries()).isEmpty();
    }

    @Test
    void territoryMatchNarrowsWhoMayClaim() {
        RoutingConfig config = config("{ match: [region], timeout: 4h }", null);
        OwnerDecision d = new RoutingEngine(config)
                .route(profile("p1").region("广东深圳").build(), AssignmentState.EMPTY, Map.of(), NOW).owner();

        assertThat(d.eligible()).containsExactly("cai");
    }

    @Test
    void nobodyEligibleSkipsThePool() {
        RoutingConfig config = config("{ match: [region], timeout: 4h }", "bob");
        OwnerDecision d = new RoutingEngine(config)
                .route(profile("p1").region("西藏").build(), AssignmentState.EMPTY, Map.of(), NOW).owner();

        assertThat(d).extracting(OwnerDecision::kind, OwnerDecision::ownerId).containsExactly(Kind.FALLBACK, "bob");
    }
}
