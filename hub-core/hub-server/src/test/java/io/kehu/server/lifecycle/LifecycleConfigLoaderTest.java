package io.kehu.server.lifecycle;

import io.kehu.api.HubException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LifecycleConfigLoaderTest {

    private final LifecycleConfigLoader loader = new LifecycleConfigLoader();

    private static String defaultYaml() throws Exception {
        return Files.readString(Path.of("../../config/lifecycle.yml"));
    }

    private List<ConfigProblem> problemsOf(String yaml) {
        return loader.validate(loader.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test"));
    }

    @Test
    void shippedDefaultsLoadAndValidateClean() throws Exception {
        LifecycleConfig fromFile = loader.load(Path.of("../../config/lifecycle.yml"));
        LifecycleConfig fromClasspath = loader.loadDefault();

        assertThat(loader.validate(fromFile)).isEmpty();
        assertThat(fromClasspath).isEqualTo(fromFile);
        assertThat(fromFile.version()).isEqualTo(1);
        assertThat(fromFile.lifecycle().stages()).extracting(LifecycleModel.Stage::nameZh)
                .containsExactly("线索", "需求沟通", "商机", "成交客户", "复购/忠诚", "流失预警", "已流失", "已挽回");
        assertThat(fromFile.lifecycle().thresholds())
                .isEqualTo(new LifecycleModel.Thresholds(2, 30, 30, 2));
        assertThat(fromFile.scoring().engagement().halfLifeDays()).isEqualTo(30.0);
        assertThat(fromFile.scoring().combined()).isEqualTo(new ScoringRules.Combined(0.4, 0.6));
    }

    @Test
    void classpathResourceIsTheSameFileAsConfigLifecycleYml() throws Exception {
        String resource = Files.readString(
                Path.of("src/main/resources/io/kehu/server/lifecycle/default-lifecycle.yml"));
        assertThat(resource).isEqualTo(defaultYaml());
    }

    @Test
    void loadValidatedFallsBackToClasspathWhenFileIsMissing(@TempDir Path dir) {
        assertThat(loader.loadValidated(dir.resolve("absent.yml"))).isEqualTo(loader.loadDefault());
    }

    @Test
    void reportsUnknownStageIdsInTransitions() throws Exception {
        List<ConfigProblem> problems = problemsOf(defaultYaml()
                .replace("churned: churned", "churned: gone").replace("initial: lead", "initial: prospect"));

        assertThat(problems).extracting(ConfigProblem::path)
                .containsExactlyInAnyOrder("lifecycle.transitions.churned", "lifecycle.transitions.initial");
        assertThat(problems).anySatisfy(p -> assertThat(p.message()).contains("unknown stage id 'gone'"));
    }

    @Test
    void reportsNegativeWeightsAndMultipliers() throws Exception {
        List<ConfigProblem> problems = problemsOf(defaultYaml()
                .replace("reply: 8 }", "reply: -8 }").replace("spreadsheet: 0.5", "spreadsheet: -0.5")
                .replace("{ id: hasTitle, points: 10", "{ id: hasTitle, points: -10"));

        assertThat(problems).extracting(ConfigProblem::path).containsExactlyInAnyOrder(
                "scoring.engagement.groups[0].weights.reply",
                "scoring.engagement.channelMultipliers.spreadsheet",
                "scoring.fit.groups[1].rules[0].points");
    }

    @Test
    void reportsCapsOutsideZeroToHundred() throws Exception {
        String yaml = defaultYaml().replaceFirst("cap: 25", "cap: 101").replace("cap: 50", "cap: -1");

        assertThat(problemsOf(yaml)).extracting(ConfigProblem::path)
                .containsExactlyInAnyOrder("scoring.fit.groups[0].cap", "scoring.engagement.groups[2].cap");
    }

    @Test
    void reportsHalfLifeNotAboveZero() throws Exception {
        assertThat(problemsOf(defaultYaml().replace("halfLifeDays: 30", "halfLifeDays: 0")))
                .containsExactly(new ConfigProblem("scoring.engagement.halfLifeDays", "must be more than 0"));
    }

    @Test
    void reportsTierThresholdsNotDescending() throws Exception {
        assertThat(problemsOf(defaultYaml().replace("{ id: B, min: 40 }", "{ id: B, min: 70 }")))
                .extracting(ConfigProblem::path).containsExactly("scoring.tiers[1].min");
    }

    @Test
    void reportsCombinedWeightsNotSummingToOne() throws Exception {
        assertThat(problemsOf(defaultYaml().replace("engagement: 0.6", "engagement: 0.5")))
                .extracting(ConfigProblem::path).containsExactly("scoring.combined");
    }

    @Test
    void reportsEveryProblemAtOnce() throws Exception {
        String yaml = defaultYaml()
                .replace("wonBack: won_back", "wonBack: back")
                .replace("halfLifeDays: 30", "halfLifeDays: -1")
                .replace("fit: 0.4", "fit: 0.5")
                .replace("fields: [region]\n            check: in", "fields: [province]\n            check: in")
                .replace("atRiskAfterDays: 30", "atRiskAfterDays: 0");

        assertThat(problemsOf(yaml)).extracting(ConfigProblem::path).containsExactlyInAnyOrder(
                "lifecycle.transitions.wonBack",
                "lifecycle.thresholds.atRiskAfterDays",
                "scoring.fit.groups[2].rules[1].fields[0]",
                "scoring.engagement.halfLifeDays",
                "scoring.combined");
    }

    @Test
    void loadValidatedRejectsInvalidConfigNamingTheFields(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("lifecycle.yml");
        Files.writeString(file, defaultYaml().replace("halfLifeDays: 30", "halfLifeDays: 0"));

        assertThatThrownBy(() -> loader.loadValidated(file))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("scoring.engagement.halfLifeDays");
    }

    @Test
    void rejectsMisspeltKeys() throws Exception {
        String yaml = defaultYaml().replace("halfLifeDays: 30", "halfLife: 30");

        assertThatThrownBy(() -> problemsOf(yaml))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("halfLife");
    }
}
