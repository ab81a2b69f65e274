package io.kehu.api.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectorConfigTest {

    private static final List<ConfigField> FIELDS = List.of(
            ConfigField.required("corpId", FieldType.STRING, "corp id"),
            ConfigField.secret("secret", "corp secret"),
            ConfigField.optional("pollInterval", FieldType.DURATION, "10s", "how often"),
            ConfigField.optional("limit", FieldType.INTEGER, "100", "page size"),
            ConfigField.choice("mode", "pull", "mode", "pull", "push"));

    @Test
    void appliesDefaultsAndParsesTypedValues() {
        ConnectorConfig c = new ConnectorConfig(FIELDS, Map.of("corpId", "ww1", "secret", "s3", "pollInterval", "5m"));

        assertThat(c.validate()).isEmpty();
        assertThat(c.duration("pollInterval")).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.integer("limit")).isEqualTo(100);
        assertThat(c.string("mode")).isEqualTo("pull");
    }

    @Test
    void reportsEveryProblemWithoutEchoingValues() {
        ConnectorConfig c = new ConnectorConfig(FIELDS, Map.of("secret", "s3cr3t!", "limit", "s3cr3t!", "mode", "both", "typo", "x"));

        List<ConfigProblem> problems = c.validate();

        assertThat(problems).extracting(ConfigProblem::field).containsExactlyInAnyOrder("corpId", "limit", "mode", "typo");
        assertThat(problems).extracting(ConfigProblem::message).noneMatch(m -> m.contains("s3cr3t!"));
    }

    @Test
    void masksSecretsInEveryRendering() {
        ConnectorConfig c = new ConnectorConfig(FIELDS, Map.of("corpId", "ww1", "secret", "s3cr3t!"));

        assertThat(c.masked()).containsEntry("secret", "******").containsEntry("corpId", "ww1");
        assertThat(c.toString()).doesNotContain("s3cr3t!");
        assertThat(c.string("secret")).isEqualTo("s3cr3t!");
    }
}
