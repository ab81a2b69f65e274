package io.kehu.server.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kehu.server.lifecycle.ConfigProblem;
import io.kehu.server.lifecycle.LifecycleConfig;
import io.kehu.server.lifecycle.LifecycleConfigLoader;
import io.kehu.server.lifecycle.LifecycleRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** Candidate rules are checked completely before anything is stored; every problem names its field. */
class RulesValidationTest {

    private static final Path FILE = Path.of("../../config/lifecycle.yml");

    private final LifecycleRules inForce = new LifecycleRules(new LifecycleConfigLoader().loadValidated(FILE));
    // validate() never touches the store.
    private final RulesService<LifecycleConfig> service = new RulesService<>(new LifecycleRulesKind(),
            () -> inForce.current().config(), inForce::replace, null, new LifecycleConfigLoader().textOf(FILE),
            Clock.systemUTC());

    private static String defaultYaml() throws Exception {
        return Files.readString(FILE);
    }

    @Test
    void acceptsTheShippedRulesAsTheNextVersion() throws Exception {
        RulesService.Validation<LifecycleConfig> v = service.validate(defaultYaml());

        assertThat(v.valid()).isTrue();
        assertThat(v.config().version()).isEqualTo(2);
    }

    @Test
    void ignoresTheVersionWrittenInTheYaml() throws Exception {
        RulesService.Validation<LifecycleConfig> v = service.validate(defaultYaml().replace("version: 1", "version: -7"));

        assertThat(v.problems()).isEmpty();
        assertThat(v.config().version()).isEqualTo(2);
    }

    @Test
    void listsEverySemanticProblemWithItsPath() throws Exception {
        RulesService.Validation<LifecycleConfig> v = service.validate(defaultYaml()
                .replace("{ id: B, min: 40 }", "{ id: B, min: 80 }")
                .replace("churned: churned", "churned: gone")
                .replace("halfLifeDays: 30", "halfLifeDays: 0"));

        assertThat(v.valid()).isFalse();
        assertThat(v.problems()).extracting(ConfigProblem::path).containsExactlyInAnyOrder(
                "scoring.tiers[1].min", "lifecycle.transitions.churned", "scoring.engagement.halfLifeDays");
    }

    @Test
    void namesTheFieldOfAMisspeltKey() throws Exception {
        RulesService.Validation<LifecycleConfig> v = service.validate(defaultYaml().replace("nameZh: 商机", "nameZH: 商机"));

        assertThat(v.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("lifecycle.stages[2].nameZH");
            assertThat(p.message()).isEqualTo("unknown field (line 11)");
        });
    }

    @Test
    void aMisspeltNumberIsReportedAsTheMissingField() throws Exception {
        RulesService.Validation<LifecycleConfig> v = service.validate(defaultYaml().replace("{ id: A, min: 70 }", "{ id: A, mni: 70 }"));

        assertThat(v.problems()).containsExactly(new ConfigProblem("scoring.tiers[0].min", "is required (line 122)"));
    }

    @Test
    void namesTheFieldOfAValueOfTheWrongType() throws Exception {
        RulesService.Validation<LifecycleConfig> v = service.validate(defaultYaml().replace("atRiskAfterDays: 30", "atRiskAfterDays: soon"));

        assertThat(v.problems()).extracting(ConfigProblem::path).containsExactly("lifecycle.thresholds.atRiskAfterDays");
        assertThat(v.problems().get(0).message()).doesNotContain("java.");
    }

    @Test
    void reportsBrokenYamlAndEmptyBodies() {
        assertThat(service.validate("{ version: 1").problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("is not valid YAML"));
        assertThat(service.validate("   ").problems()).containsExactly(new ConfigProblem("(document)", "is empty"));
        assertThat(service.validate(null).valid()).isFalse();
    }

    @Test
    void refusesEmptyListEntriesInsteadOfFailing() throws Exception {
        RulesService.Validation<LifecycleConfig> v = service.validate(defaultYaml().replace("    - { id: C, min: 0 }", "    -"));

        assertThat(v.valid()).isFalse();
        assertThat(v.problems()).extracting(ConfigProblem::path).singleElement()
                .satisfies(path -> assertThat(path).startsWith("scoring"));
    }

    @Test
    void putRefusesInvalidRulesWithEveryProblemBeforeStoringAnything() throws Exception {
        String yaml = defaultYaml().replace("engagement: 0.6", "engagement: 0.5").replace("initial: lead", "initial: x");

        // The store is null: reaching it would fail with an NPE instead.
        assertThatThrownBy(() -> service.put(yaml, "admin"))
                .isInstanceOfSatisfying(RulesInvalidException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::path)
                        .containsExactlyInAnyOrder("scoring.combined", "lifecycle.transitions.initial"));
        assertThat(inForce.current().version()).isEqualTo(1);
    }
}
