package io.kehu.server.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.kehu.api.spi.ConfigProblem;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hub's daily budget fields in a destination instance's config. */
class DailyBudgetSettingsTest {

    @Test
    void anInstanceWithoutTheFieldsHasNoBudgetAndShanghaisDay() {
        Map<String, Object> config = Map.of("url", "https://crm.example.cn");

        assertThat(DailyBudgetSettings.problems(config)).isEmpty();
        assertThat(DailyBudgetSettings.of(config)).isEqualTo(new DailyBudgetSettings(null, ZoneId.of("Asia/Shanghai")));
        assertThat(DailyBudgetSettings.of(config).limited()).isFalse();
    }

    @Test
    void aBudgetAndZoneAreReadFromNumbersAndText() {
        assertThat(DailyBudgetSettings.of(Map.of("dailyCallBudget", 20000, "dailyBudgetZone", "America/Los_Angeles")))
                .isEqualTo(new DailyBudgetSettings(20000, ZoneId.of("America/Los_Angeles")));
        assertThat(DailyBudgetSettings.of(Map.of("dailyCallBudget", "500")).calls()).isEqualTo(500);
    }

    @Test
    void aBudgetBelowOneANonNumberAndAnUnknownZoneAreEachNamed() {
        assertThat(DailyBudgetSettings.problems(Map.of("dailyCallBudget", 0))).extracting(ConfigProblem::field)
                .containsExactly("dailyCallBudget");
        assertThat(DailyBudgetSettings.problems(Map.of("dailyCallBudget", -5, "dailyBudgetZone", "Mars/Olympus")))
                .extracting(ConfigProblem::field).containsExactly("dailyCallBudget", "dailyBudgetZone");
        assertThat(DailyBudgetSettings.problems(Map.of("dailyCallBudget", "lots")))
                .containsExactly(new ConfigProblem("dailyCallBudget", "is not a valid integer"));
    }

    @Test
    void thePluginGetsItsOwnFieldsOnly() {
        assertThat(DailyBudgetSettings.pluginValues(Map.of("url", "u", "dailyCallBudget", 2, "dailyBudgetZone", "UTC")))
                .containsOnlyKeys("url");
    }
}
