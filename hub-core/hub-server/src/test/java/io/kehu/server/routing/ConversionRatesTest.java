package io.kehu.server.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kehu.server.routing.ConversionRates.Counts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConversionRatesTest {

    @Test
    void anOwnerWithManyLeadsIsRatedCloseToTheirOwnShare() {
        // Team: 110 converted of 600 leads. ann: 100/500 = 0.20, bob: 10/100 = 0.10.
        Map<String, Double> rates = ConversionRates.smooth(
                Map.of("ann", new Counts(500, 100), "bob", new Counts(100, 10)), List.of("ann", "bob"), 10);

        double team = 110.0 / 600;
        assertThat(rates.get("ann")).isCloseTo((100 + 10 * team) / 510, within(1e-12));
        assertThat(rates.get("bob")).isCloseTo((10 + 10 * team) / 110, within(1e-12));
        assertThat(rates.get("ann")).isGreaterThan(rates.get("bob"));
    }

    @Test
    void aNewOwnerWithoutLeadsGetsTheTeamRateInsteadOfZero() {
        Map<String, Double> rates = ConversionRates.smooth(Map.of("ann", new Counts(40, 10)), List.of("ann", "new"), 10);

        assertThat(rates.get("new")).isEqualTo(0.25);
    }

    @Test
    void oneLuckyLeadDoesNotMakeAnOwnerLookPerfect() {
        Map<String, Double> rates = ConversionRates.smooth(
                Map.of("ann", new Counts(99, 9), "lucky", new Counts(1, 1)), List.of("ann", "lucky"), 10);

        // Team rate 10/100 = 0.1: (1 + 10 × 0.1) / 11.
        assertThat(rates.get("lucky")).isCloseTo(2.0 / 11, within(1e-12));
    }

    @Test
    void withoutPriorLeadsTheRateIsTheRawShare() {
        Map<String, Double> rates = ConversionRates.smooth(Map.of("ann", new Counts(8, 2)), List.of("ann"), 0);

        assertThat(rates.get("ann")).isEqualTo(0.25);
    }

    @Test
    void noLeadsInTheWindowGiveNoRatesSoEveryOwnerCountsAlike() {
        assertThat(ConversionRates.smooth(Map.of(), List.of("ann", "bob"), 10)).isEmpty();
        assertThat(ConversionRates.smooth(Map.of("ann", new Counts(0, 0)), List.of("ann"), 10)).isEmpty();
    }

    @Test
    void countsOutsideTheConfiguredOwnersAreTeamEvidenceButGetNoRate() {
        Map<String, Double> rates = ConversionRates.smooth(
                Map.of("left.company", new Counts(10, 10), "ann", new Counts(10, 0)), List.of("ann"), 10);

        assertThat(rates).containsOnlyKeys("ann");
        assertThat(rates.get("ann")).isCloseTo((0 + 10 * 0.5) / 20, within(1e-12));
    }

    @Test
    void refusesImpossibleCounts() {
        assertThatThrownBy(() -> new Counts(1, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConversionRates.smooth(Map.of(), List.of(), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
