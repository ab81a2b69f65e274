package io.kehu.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.kehu.search.AlertDoc;
import io.kehu.server.config.AlertProperties;
import io.kehu.server.funnel.FunnelService;
import io.kehu.server.lifecycle.LifecycleConfigLoader;
import io.kehu.server.lifecycle.LifecycleModel;
import io.kehu.server.lifecycle.StageChangeEvent;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AlertTextsTest {

    private static final LifecycleModel MODEL = new LifecycleConfigLoader().loadDefault().lifecycle();
    private static final Instant AT = Instant.parse("2026-05-20T03:04:05Z");

    private static StageChangeEvent change(String name, String reason, boolean manual) {
        return new StageChangeEvent("p-7f3a", name, "customer", "at_risk", AT, reason, manual, 62, "B");
    }

    @Test
    void aFullDigestOfLongAlertsFitsTheRobotsLimitWithoutBeingCut() {
        java.util.List<AlertDoc> full = java.util.stream.IntStream.range(0, WeComRobotTarget.DIGEST_MAX)
                .mapToObj(i -> AlertTexts.atRisk(change("欧阳娜娜娜" + i, "no reply to the last 3 messages within 30 days",
                        false), MODEL)).toList();

        String digest = WeComRobotTarget.digest(full);

        assertThat(digest.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(WeComRobotTarget.MAX_CONTENT_BYTES);
        assertThat(WeComRobotTarget.truncate(digest)).isEqualTo(digest);
        assertThat(digest).contains("（12）").contains(full.get(11).textEn());
    }

    @Test
    void atRiskAlertSpeaksBothLanguagesWithTheNameMasked() {
        AlertDoc a = AlertTexts.atRisk(change("张三丰", "no interaction for 31 days", false), MODEL);

        assertThat(a.id()).isEqualTo("at-risk:p-7f3a:2026-05-20T03:04:05Z");
        assertThat(a.kind()).isEqualTo("at-risk");
        assertThat(a.profileId()).isEqualTo("p-7f3a");
        assertThat(a.titleZh()).contains("流失预警");
        assertThat(a.titleEn()).contains("At risk");
        assertThat(a.textZh()).contains("张**", "p-7f3a", "「流失预警」", "no interaction for 31 days", "62", "B")
                .doesNotContain("张三丰");
        assertThat(a.textEn()).contains("张**", "\"At risk\"", "Combined score 62, tier B").doesNotContain("张三丰");
        assertThat(a.details()).containsEntry("from", "customer").containsEntry("combined", 62);
    }

    @Test
    void aManualReasonIsLeftOutBecauseAPersonTypedIt() {
        AlertDoc a = AlertTexts.atRisk(change("Li Na", "set manually: Li Na 13800138000 said no", true), MODEL);

        assertThat(a.textEn()).contains("(set manually)").doesNotContain("13800138000").doesNotContain("Li Na");
        assertThat(a.textZh()).contains("手动设置").doesNotContain("13800138000");
    }

    @Test
    void profilesWithoutANameStillGetAReadableText() {
        assertThat(AlertTexts.atRisk(change(null, "negative signal", false), MODEL).textEn()).contains("(no name)");
    }

    @Test
    void conversionAlertGivesRateThresholdAndCountsAndOneCausePerWindowStartDay() {
        AlertProperties.Conversion rule = new AlertProperties.Conversion();
        rule.setFrom("lead");
        rule.setTo("engaged");
        rule.setMinRate(0.2);
        rule.setWindow(Duration.ofDays(30));
        Instant until = Instant.parse("2026-06-01T10:00:00Z");
        FunnelService.Conversion c = new FunnelService.Conversion("lead", "engaged", until.minus(Duration.ofDays(30)),
                until, 64, 8, 0.125);

        AlertDoc a = AlertTexts.conversionLow(c, rule, MODEL);

        assertThat(a.id()).isEqualTo("conversion:lead>engaged:PT720H:2026-05-02");
        assertThat(a.textZh()).contains("近 30 天", "「线索」→「需求沟通」", "12.5%", "64 人中 8 人", "20.0%");
        assertThat(a.textEn()).contains("Lead → Engaged", "last 30 days", "12.5% (8 of 64)", "20.0% threshold");
        assertThat(a.details()).containsEntry("entered", 64L).containsEntry("rate", 0.125);
    }
}
