package io.kehu.server.lifecycle;

import io.kehu.api.HubException;
import io.kehu.search.InteractionDoc;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.kehu.server.lifecycle.LifecycleFixtures.DEFAULTS;
import static io.kehu.server.lifecycle.LifecycleFixtures.NOW;
import static io.kehu.server.lifecycle.LifecycleFixtures.daysAgo;
import static io.kehu.server.lifecycle.LifecycleFixtures.emptyProfile;
import static io.kehu.server.lifecycle.LifecycleFixtures.interaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StageEngineTest {

    private final StageEngine engine = new StageEngine(DEFAULTS.lifecycle());

    private static StageState at(String stage, double daysAgo) {
        return new StageState(stage, daysAgo(daysAgo), false, 0);
    }

    private StageDecision decide(StageState state, InteractionDoc... interactions) {
        return engine.decide(state, emptyProfile(), List.of(interactions), NOW);
    }

    private static void assertMoved(StageDecision d, String from, String to, String reasonPart) {
        assertThat(d.changed()).as(d.reason()).isTrue();
        assertThat(d.change().from()).isEqualTo(from);
        assertThat(d.change().to()).isEqualTo(to);
        assertThat(d.change().at()).isEqualTo(NOW);
        assertThat(d.change().manual()).isFalse();
        assertThat(d.change().reason()).contains(reasonPart);
        assertThat(d.state()).extracting(StageState::stage, StageState::since, StageState::manual)
                .containsExactly(to, NOW, false);
    }

    private static void assertStayed(StageDecision d, String stage) {
        assertThat(d.changed()).as(d.reason()).isFalse();
        assertThat(d.change()).isNull();
        assertThat(d.state().stage()).isEqualTo(stage);
    }

    @Test
    void newProfileStartsAsLead() {
        assertThat(engine.initial(NOW)).isEqualTo(new StageState("lead", NOW, false, 0));
    }

    @Test
    void replyMovesLeadToEngaged() {
        assertMoved(decide(at("lead", 5), interaction("reply", "wecom", daysAgo(1))), "lead", "engaged", "reply");
    }

    @Test
    void inboundDetailCountsAsReply() {
        StageDecision d = decide(at("lead", 5),
                interaction("email", "email", daysAgo(1), Map.of("direction", "INBOUND")));

        assertMoved(d, "lead", "engaged", "reply");
    }

    @Test
    void secondTouchMovesLeadToEngaged() {
        StageDecision d = decide(at("lead", 5),
                interaction("message", "wecom", daysAgo(3)), interaction("email", "email", daysAgo(1)));

        assertMoved(d, "lead", "engaged", "2 touches");
    }

    @Test
    void importedRowIsNotATouch() {
        assertStayed(decide(at("lead", 5),
                interaction("import", "spreadsheet", daysAgo(5)), interaction("message", "wecom", daysAgo(1))), "lead");
    }

    @Test
    void quoteMovesToOpportunity() {
        assertMoved(decide(at("engaged", 5), interaction("quote", "email", daysAgo(1))),
                "engaged", "opportunity", "quote");
    }

    @Test
    void contractMovesToCustomer() {
        assertMoved(decide(at("opportunity", 5), interaction("contract", "email", daysAgo(1))),
                "opportunity", "customer", "contract");
    }

    @Test
    void firstOrderMovesStraightFromLeadToCustomer() {
        StageDecision d = decide(at("lead", 5), interaction("order", "webform", daysAgo(1)));

        assertMoved(d, "lead", "customer", "purchase");
        assertThat(d.state().purchases()).isEqualTo(1);
    }

    @Test
    void secondPurchaseMovesToLoyal() {
        StageDecision d = decide(at("customer", 20),
                interaction("order", "email", daysAgo(25)), interaction("purchase", "wecom", daysAgo(1)));

        assertMoved(d, "customer", "loyal", "2 purchases");
        assertThat(d.state().purchases()).isEqualTo(2);
    }

    @Test
    void purchasesKnownFromElsewhereCountTowardsLoyal() {
        StageState customer = new StageState("customer", daysAgo(20), false, 2);

        assertMoved(decide(customer, interaction("order", "email", daysAgo(1))), "customer", "loyal", "2 purchases");
    }

    @Test
    void funnelNeverMovesBackwards() {
        assertStayed(decide(at("customer", 5), interaction("reply", "wecom", daysAgo(1))), "customer");
    }

    @Test
    void noInteractionForThirtyDaysMovesToAtRisk() {
        assertMoved(decide(at("engaged", 40), interaction("reply", "wecom", daysAgo(30))),
                "engaged", "at_risk", "no interaction for 30 days");
        assertStayed(decide(at("engaged", 40), interaction("reply", "wecom", daysAgo(29))), "engaged");
    }

    @Test
    void negativeFeedbackMovesToAtRisk() {
        assertMoved(decide(at("customer", 10), interaction("complaint", "wecom", daysAgo(1))),
                "customer", "at_risk", "negative signal: complaint@wecom");
        assertMoved(decide(at("opportunity", 10),
                        interaction("reply", "email", daysAgo(1), Map.of("sentiment", "negative"))),
                "opportunity", "at_risk", "negative signal: reply@email");
    }

    @Test
    void negativeFeedbackAnsweredByAPositiveInteractionIsNoRisk() {
        assertStayed(decide(at("customer", 10),
                interaction("complaint", "wecom", daysAgo(3)), interaction("meeting", "wecom", daysAgo(1))), "customer");
    }

    @Test
    void negativeFeedbackFromBeforeTheCurrentStageIsAlreadyHandled() {
        assertStayed(decide(at("customer", 10),
                interaction("complaint", "wecom", daysAgo(12)), interaction("message", "wecom", daysAgo(1))), "customer");
    }

    @Test
    void atRiskForThirtyMoreDaysMovesToChurned() {
        InteractionDoc old = interaction("reply", "wecom", daysAgo(70));

        assertMoved(decide(at("at_risk", 30), old), "at_risk", "churned", "at risk for 30 days");
        assertStayed(decide(at("at_risk", 29), old), "at_risk");
    }

    @Test
    void positiveInteractionWhileAtRiskReturnsToTheFunnel() {
        StageDecision d = decide(at("at_risk", 10),
                interaction("order", "email", daysAgo(100)), interaction("meeting", "wecom", daysAgo(1)));

        assertMoved(d, "at_risk", "customer", "positive interaction while at risk: meeting@wecom");
    }

    @Test
    void positiveInteractionAfterChurnMovesToWonBack() {
        StageDecision d = decide(at("churned", 10),
                interaction("order", "email", daysAgo(100)), interaction("reply", "wecom", daysAgo(1)));

        assertMoved(d, "churned", "won_back", "positive interaction after churn: reply@wecom");
    }

    @Test
    void churnedStaysChurnedWithoutANewPositiveInteraction() {
        assertStayed(decide(at("churned", 10),
                interaction("reply", "wecom", daysAgo(20)), interaction("complaint", "email", daysAgo(1))), "churned");
    }

    @Test
    void purchaseAfterWinBackMovesToCustomerOrLoyal() {
        InteractionDoc oldOrder = interaction("order", "email", daysAgo(200));
        InteractionDoc oldReply = interaction("reply", "wecom", daysAgo(6));

        assertStayed(decide(at("won_back", 5), oldOrder, oldReply), "won_back");
        assertMoved(decide(at("won_back", 5), oldOrder, oldReply, interaction("order", "wecom", daysAgo(1))),
                "won_back", "loyal", "2 purchases");
        assertMoved(decide(at("won_back", 5), interaction("contract", "wecom", daysAgo(1))),
                "won_back", "customer", "contract");
    }

    @Test
    void wonBackWithoutInteractionForThirtyDaysIsAtRiskAgain() {
        assertMoved(decide(at("won_back", 45), interaction("reply", "wecom", daysAgo(46))),
                "won_back", "at_risk", "no interaction for 45 days");
    }

    @Test
    void manualStageIsRecordedAndKept() {
        StageDecision set = engine.setManually(at("lead", 5), "opportunity", "met at trade fair", daysAgo(2));

        assertThat(set.change()).isEqualTo(new StageChange("lead", "opportunity", daysAgo(2),
                "set manually: met at trade fair", true));
        StageState manual = set.state();
        assertThat(manual.manual()).isTrue();

        StageDecision kept = engine.decide(manual, emptyProfile(), List.of(
                interaction("order", "email", daysAgo(1)), interaction("order", "email", daysAgo(1))), NOW);
        assertStayed(kept, "opportunity");
        assertThat(kept.reason()).isEqualTo("manual stage kept");
        assertThat(kept.state().manual()).isTrue();

        StageDecision inactive = engine.decide(manual, emptyProfile(), List.of(), NOW.plusSeconds(86_400L * 90));
        assertStayed(inactive, "opportunity");
    }

    @Test
    void clearedManualStageIsHandedBackToTheRules() {
        StageState manual = engine.setManually(at("lead", 5), "opportunity", null, daysAgo(2)).state();

        StageDecision d = decide(manual.clearManual(), interaction("contract", "email", daysAgo(1)));

        assertMoved(d, "opportunity", "customer", "contract");
    }

    @Test
    void settingAnUnknownStageIsRejected() {
        assertThatThrownBy(() -> engine.setManually(at("lead", 5), "vip", null, NOW))
                .isInstanceOf(HubException.class).hasMessageContaining("vip");
    }

    @Test
    void futureInteractionsAreIgnored() {
        assertStayed(decide(at("lead", 5), interaction("order", "email", NOW.plusSeconds(3600))), "lead");
    }
}
