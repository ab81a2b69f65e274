package io.kehu.server.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kehu.server.routing.ConversionRates.Counts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Owners' conversion rates from one aggregation over the stored profiles, and a run that assigns by them.
 * One set of profiles for the class (the node is shared and slow to give fresh indices); the run, which
 * adds a lead, goes last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OwnerConversionRatesIT {

    static final String RULES = """
            version: 1
            owners:
              - { id: bob, name: Bob, remoteIds: { crm-a: U-BOB } }
              - { id: ann, name: Ann, remoteIds: { crm-a: U-ANN } }
              - { id: cai, name: Cai }
            defaultAssignee: bob
            rules:
              - id: weighed
                when: { tags: [weighed] }
                destinations:
                  - instance: crm-a
                    fields: { LastName: name }
                assignment: { strategy: weighted, params: { owners: [bob, ann] } }
            """;

    private RoutingTestBed bed;
    private OwnerConversionRates rates;

    @BeforeAll
    void setUp() {
        bed = new RoutingTestBed(OwnerConversionRatesIT.class, RULES, Set.of("crm-a"));
        rates = new OwnerConversionRates(bed.docs, bed.names, bed.lifecycle, Duration.ofDays(90), 10);
        // Outside the window: bob's converted lead of last spring does not count.
        bed.clock.advance(Duration.ofDays(-120));
        bed.ingest("old", "老", "13900000099", null, List.of(), "bob", "contract");
        bed.clock.advance(Duration.ofDays(120));
        // ann: an opportunity, a customer, a customer who has since complained (at risk, one purchase), two open leads.
        bed.ingest("a1", "甲", "13900000001", null, List.of(), "ann", "quote");
        bed.ingest("a2", "乙", "13900000002", null, List.of(), "ann", "contract");
        bed.ingest("a3", "丙", "13900000003", null, List.of(), "ann", "order");
        bed.clock.advance(Duration.ofHours(1));
        bed.ingest("a3-complaint", "丙", "13900000003", null, List.of(), "ann", "complaint");
        bed.ingest("a4", "丁", "13900000004", null, List.of(), "ann", null);
        bed.ingest("a5", "戊", "13900000005", null, List.of(), "ann", "reply");
        // bob: three open leads; nobody owns the last one.
        bed.ingest("b1", "己", "13900000011", null, List.of(), "bob", null);
        bed.ingest("b2", "庚", "13900000012", null, List.of(), "bob", "reply");
        bed.ingest("b3", "辛", "13900000013", null, List.of(), "bob", null);
        bed.ingest("n1", "壬", "13900000021", null, List.of(), null, "quote");
    }

    @Test
    void countsEachOwnersLeadsOfTheWindowAndThoseAtOpportunityOrLaterOrWithAPurchase() {
        assertThat(bed.profile(bed.ingestedAs("13900000003")).source().lifecycle().stage()).isEqualTo("at_risk");

        Map<String, Counts> counts = rates.counts(bed.clock.instant());

        assertThat(counts).containsOnlyKeys("ann", "bob");
        assertThat(counts.get("ann")).isEqualTo(new Counts(5, 3));
        assertThat(counts.get("bob")).isEqualTo(new Counts(3, 0));
    }

    @Test
    void ratesAreSmoothedTowardTheTeamAndANewOwnerGetsTheTeamRate() {
        Map<String, Double> r = rates.forRun(bed.rules.current().config(), bed.clock.instant());

        double team = 3.0 / 8;
        assertThat(r.get("ann")).isCloseTo((3 + 10 * team) / 15, within(1e-9));
        assertThat(r.get("bob")).isCloseTo((10 * team) / 13, within(1e-9));
        assertThat(r.get("cai")).isCloseTo(team, within(1e-9));
    }

    @Test
    void noRuleWeighingByRatesMeansNoQueryAndNoRates() {
        RoutingConfig roundRobin = RoutingFixtures.config(RULES.replace("strategy: weighted", "strategy: roundRobin"));

        assertThat(rates.forRun(roundRobin, bed.clock.instant())).isEmpty();
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void aRoutingRunGivesTheNextLeadToTheOwnerWithTheBetterRate() {
        // Without rates bob, listed first, would get it: equal weights, ties go to the first candidate.
        String id = bed.ingest("w1", "癸", "13900000031", null, List.of("weighed"), null, null);

        RoutingService.Result r = bed.run();

        assertThat(r.queued()).isEqualTo(1);
        assertThat(bed.profile(id).source().profile().owner()).isEqualTo("ann");
        assertThat(bed.entry("crm-a", id).owner()).isEqualTo("U-ANN");
    }
}
