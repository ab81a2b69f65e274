package io.kehu.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.kehu.search.MergeDoc;
import io.kehu.search.OutboxDoc;
import io.kehu.search.ProfileStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A routing run on the real node beyond the plain route-and-enqueue: decisions held back (a required field
 * without a value, an unknown destination instance), records kept current after the profile stops matching
 * its rule, and the records of merged profiles carried over to the survivor.
 */
class RoutingServiceIT {

    static final String RULES = """
            version: 1
            match: first
            owners:
              - { id: ann, name: Ann, remoteIds: { crm-a: U-ANN } }
              - { id: bob, name: Bob, remoteIds: { crm-a: U-BOB } }
            defaultAssignee: ann
            rules:
              - id: opportunities
                when: { stage: [opportunity] }
                destinations:
                  - instance: crm-a
                    required: [LastName]
                    fields: { LastName: name, Email: emails, Stage: stage }
                assignment: { strategy: roundRobin, params: { owners: [ann, bob] } }
              - id: vip
                when: { tags: [vip] }
                destinations:
                  - instance: crm-a
                    required: [LastName, Title]
                    fields: { LastName: name, Title: title }
                assignment: { strategy: roundRobin, params: { owners: [ann, bob] } }
              - id: partners
                when: { tags: [partner] }
                destinations:
                  - instance: crm-gone
                    fields: { LastName: name }
                assignment: { strategy: roundRobin, params: { owners: [ann, bob] } }
            """;

    private RoutingTestBed bed;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void setUp() {
        bed = new RoutingTestBed(RoutingServiceIT.class, RULES, Set.of("crm-a"));
        logs.start();
        ((Logger) LoggerFactory.getLogger(RoutingService.class)).addAppender(logs);
    }

    @AfterEach
    void tearDown() {
        ((Logger) LoggerFactory.getLogger(RoutingService.class)).detachAppender(logs);
    }

    @Test
    void aRunWalksOnlyProfilesARuleCouldRouteAndNewRulesReachProfilesThatStoppedChanging() {
        String cold = bed.ingest("c1", "王芳", "13912340009", "wang.fang@example.cn", List.of("cold"), null);

        assertThat(bed.run().profiles()).as("no rule could route the profile: not even read").isZero();

        bed.rules.replace(RoutingFixtures.config(RULES.replace("version: 1", "version: 2") + """
                  - id: cold
                    when: { tags: [cold] }
                    destinations:
                      - instance: crm-a
                        fields: { LastName: name }
                    assignment: { strategy: roundRobin, params: { owners: [ann, bob] } }
                """));
        bed.clock.advance(Duration.ofHours(1));
        RoutingService.Result underNewRules = bed.run();

        assertThat(underNewRules.profiles()).as("walked again although unchanged since the last run").isEqualTo(1);
        assertThat(underNewRules.queued()).isEqualTo(1);
        assertThat(bed.entry("crm-a", cold).ruleId()).isEqualTo("cold");
        bed.clock.advance(Duration.ofHours(1));
        assertThat(bed.run().profiles()).as("the same rules again: only changes are walked").isZero();
    }

    @Test
    void aDecisionMissingARequiredFieldIsCountedLoggedByFieldNameOnlyAndNotEnqueued() {
        String id = bed.ingest("r1", "张伟", "13912340001", "zhang.wei@example.cn", List.of("vip"), null);

        RoutingService.Result r = bed.run();

        assertThat(r.routed()).isEqualTo(1);
        assertThat(r.incomplete()).isEqualTo(1);
        assertThat(r.queued()).isZero();
        assertThat(bed.hasEntry("crm-a", id)).isFalse();
        String logged = logs.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains("required field")).findFirst().orElseThrow();
        assertThat(logged).contains(id, "crm-a", "Title").doesNotContain("张伟", "13912340001", "zhang.wei");
    }

    @Test
    void decisionsForADestinationInstanceThatDoesNotExistAreHeldBackAndCountedWithOneWarning() {
        String first = bed.ingest("r1", "张伟", "13912340001", null, List.of("partner"), null);
        String second = bed.ingest("r2", "李娜", "13912340002", null, List.of("partner"), null);

        RoutingService.Result r = bed.run();

        assertThat(r.routed()).isEqualTo(2);
        assertThat(r.unknownDestination()).isEqualTo(2);
        assertThat(r.queued()).isZero();
        assertThat(bed.hasEntry("crm-gone", first)).isFalse();
        assertThat(bed.hasEntry("crm-gone", second)).isFalse();
        assertThat(logs.list).filteredOn(e -> e.getFormattedMessage().contains("crm-gone")).hasSize(1);
        assertThat(bed.routing.checkDestinations()).containsExactly("crm-gone");
    }

    @Test
    void decisionsHeldBackForAMissingDestinationGoOutByThemselvesOnceItExists() {
        String partner = bed.ingest("r1", "张伟", "13912340001", null, List.of("partner"), null);
        assertThat(bed.run().unknownDestination()).isEqualTo(1);
        bed.clock.advance(Duration.ofHours(1));
        bed.run(); // a quiet hour later: the checkpoint passes the profile's last change
        bed.clock.advance(Duration.ofHours(1));
        assertThat(bed.run().profiles()).as("a run that does not walk the profile still remembers it").isZero();
        bed.destinations.add("crm-gone"); // e.g. an instance file read at the next start
        bed.clock.advance(Duration.ofHours(1));

        RoutingService.Result next = bed.run();

        assertThat(next.queued()).as("the checkpoint remembered crm-gone though the profile never changed").isEqualTo(1);
        assertThat(bed.entry("crm-gone", partner).ruleId()).isEqualTo("partners");
        bed.clock.advance(Duration.ofHours(1));
        assertThat(bed.run().profiles()).as("nothing held back any more: back to changed profiles only").isZero();
        assertThat(bed.run(true).queued()).as("a walk of all finds nothing left to send").isZero();
    }

    @Test
    void aProfileWhoseStageMovedPastItsRuleGetsItsRecordUpdatedWithTheRecordedOwner() {
        String id = bed.ingest("r1", "张伟", "13912340001", "zhang.wei@example.cn", List.of(), "quote");
        assertThat(bed.run().queued()).isEqualTo(1);
        OutboxDoc routed = bed.entry("crm-a", id);
        assertThat(routed.fields()).containsEntry("Stage", "opportunity");
        assertThat(routed.owner()).isEqualTo("U-ANN");
        bed.delivered("crm-a", id, "R-1");

        bed.clock.advance(Duration.ofHours(1));
        bed.ingest("r2", "张伟", "13912340001", null, List.of(), "contract");
        RoutingService.Result r = bed.run();

        assertThat(r.routed()).as("no rule matches a customer").isZero();
        assertThat(r.remapped()).isEqualTo(1);
        OutboxDoc updated = bed.entry("crm-a", id);
        assertThat(updated.fields()).containsEntry("Stage", "customer").containsEntry("LastName", "张伟");
        assertThat(updated.status()).isEqualTo(OutboxDoc.PENDING);
        assertThat(updated.remoteId()).as("an update of the record there").isEqualTo("R-1");
        assertThat(updated.owner()).isEqualTo("U-ANN");
        assertThat(updated.ruleId()).isEqualTo("opportunities");

        bed.clock.advance(Duration.ofHours(1));
        bed.ingest("r3", "张伟", "13912340001", null, List.of(), "meeting");
        assertThat(bed.run().remapped()).as("nothing mapped changed").isZero();
    }

    @Test
    void theSurvivorOfAMergeTakesOverTheRecordOfTheProfileItAbsorbed() {
        String older = bed.ingest("a1", "张伟", "13912340001", "zhang.wei@example.cn", List.of(), null);
        bed.clock.advance(Duration.ofMinutes(5));
        String absorbed = bed.ingest("b1", "张伟", "13912340002", "wei.zhang@example.cn", List.of(), "quote");
        assertThat(bed.run().queued()).isEqualTo(1);
        assertThat(bed.hasEntry("crm-a", older)).as("the older profile matched no rule").isFalse();
        bed.delivered("crm-a", absorbed, "R-B");

        bed.clock.advance(Duration.ofMinutes(5));
        String survivor = bed.ingest("ab", "张伟", "13912340001", "wei.zhang@example.cn", List.of(), null);
        assertThat(survivor).isEqualTo(older);
        RoutingService.Result r = bed.run();

        assertThat(r.carriedOver()).isEqualTo(1);
        OutboxDoc carried = bed.entry("crm-a", survivor);
        assertThat(carried.remoteId()).isEqualTo("R-B");
        assertThat(carried.remoteKey()).isEqualTo("kehu-" + absorbed);
        assertThat(carried.status()).as("the merged e-mails go out as an update").isEqualTo(OutboxDoc.PENDING);
        assertThat(carried.fields().get("Email").toString()).contains("zhang.wei@example.cn", "wei.zhang@example.cn");
        OutboxDoc retired = bed.entry("crm-a", absorbed);
        assertThat(retired.status()).isEqualTo(OutboxDoc.MERGED);
        assertThat(retired.mergedInto()).isEqualTo(survivor);
        assertThat(bed.deliveries.outbox().ofProfiles(List.of(survivor, absorbed))).hasSize(2);

        assertThat(bed.run().carriedOver()).as("a merge is carried over once").isZero();
    }

    @Test
    void aMergeUndoneBeforeTheRunCarriesNothingOver() {
        String older = bed.ingest("u1", "张伟", "13912340021", null, List.of(), null);
        bed.clock.advance(Duration.ofMinutes(5));
        String absorbed = bed.ingest("u2", "李娜", "13912340022", "li.na@example.cn", List.of(), "quote");
        assertThat(bed.run().queued()).isEqualTo(1);
        bed.delivered("crm-a", absorbed, "R-U");
        bed.clock.advance(Duration.ofMinutes(5));
        assertThat(bed.ingest("u12", null, "13912340021", "li.na@example.cn", List.of(), null)).isEqualTo(older);
        MergeDoc merge = new ProfileStore(bed.docs, bed.names).mergesOf(older).get(0);
        bed.docs.put(bed.names.merges(), merge.id(), merge.withUndo(new MergeDoc.Undo(MergeDoc.Undo.DONE, "sara",
                bed.clock.instant(), bed.clock.instant(), Map.of())), true);

        assertThat(bed.run().carriedOver()).isZero();
        assertThat(bed.entry("crm-a", absorbed).status()).isEqualTo(OutboxDoc.DELIVERED);
        assertThat(bed.hasEntry("crm-a", older) && "R-U".equals(bed.entry("crm-a", older).remoteId())).isFalse();
    }

    @Test
    void twoMergesBeforeARunPassTheRecordAlongTheChainToTheLastSurvivor() {
        String oldest = bed.ingest("z1", "张伟", "13912340001", null, List.of(), null);
        bed.clock.advance(Duration.ofMinutes(5));
        String middle = bed.ingest("y1", "张伟", "13912340002", null, List.of(), null);
        bed.clock.advance(Duration.ofMinutes(5));
        String newest = bed.ingest("x1", "张伟", "13912340003", "zhang.wei@example.cn", List.of(), "quote");
        bed.run();
        bed.delivered("crm-a", newest, "R-X");

        bed.clock.advance(Duration.ofMinutes(5));
        assertThat(bed.ingest("xy", "张伟", "13912340002", "zhang.wei@example.cn", List.of(), null)).isEqualTo(middle);
        bed.clock.advance(Duration.ofMinutes(5));
        assertThat(bed.ingest("yz", "张伟", "13912340001", "zhang.wei@example.cn", List.of(), null)).isEqualTo(oldest);
        RoutingService.Result r = bed.run();

        assertThat(r.carriedOver()).as("to the middle one, then on to the oldest").isEqualTo(2);
        OutboxDoc carried = bed.entry("crm-a", oldest);
        assertThat(carried.remoteId()).isEqualTo("R-X");
        assertThat(carried.remoteKey()).isEqualTo("kehu-" + newest);
        assertThat(bed.entry("crm-a", middle).status()).isEqualTo(OutboxDoc.MERGED);
        assertThat(bed.entry("crm-a", middle).mergedInto()).isEqualTo(oldest);
        assertThat(bed.entry("crm-a", newest).mergedInto()).isEqualTo(middle);
    }

    @Test
    void aSurvivorWithItsOwnRecordKeepsItAndTheAbsorbedRecordIsRetired() {
        String older = bed.ingest("a1", "张伟", "13912340001", "zhang.wei@example.cn", List.of(), "quote");
        bed.clock.advance(Duration.ofMinutes(5));
        String absorbed = bed.ingest("b1", "张伟", "13912340002", "wei.zhang@example.cn", List.of(), "quote");
        assertThat(bed.run().queued()).isEqualTo(2);
        bed.delivered("crm-a", older, "R-A");
        bed.delivered("crm-a", absorbed, "R-B");

        bed.clock.advance(Duration.ofMinutes(5));
        bed.ingest("ab", "张伟", "13912340001", "wei.zhang@example.cn", List.of(), null);
        RoutingService.Result r = bed.run();

        assertThat(r.carriedOver()).isZero();
        OutboxDoc kept = bed.entry("crm-a", older);
        assertThat(kept.remoteId()).isEqualTo("R-A");
        assertThat(kept.remoteKey()).isNull();
        assertThat(bed.entry("crm-a", absorbed).status()).isEqualTo(OutboxDoc.MERGED);
    }
}
