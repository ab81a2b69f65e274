package io.kehu.connector.webform;

import static org.assertj.core.api.Assertions.assertThat;

import io.kehu.api.spi.ConfigField;
import io.kehu.api.spi.ConfigProblem;
import io.kehu.api.spi.ConnectorConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebFormConfigTest {

    private static List<ConfigProblem> problems(Map<String, ?> values) {
        ConnectorConfig c = new ConnectorConfig(WebFormConfig.FIELDS, values);
        List<ConfigProblem> all = new java.util.ArrayList<>(c.validate());
        all.addAll(new WebFormConnector().validate(c));
        return all;
    }

    @Test
    void declaresTheSecretAsASecretAndTheChoices() {
        assertThat(WebFormConfig.FIELDS).extracting(ConfigField::key).containsExactly(
                "preset", "secret", "tokenLocation", "allowedSources", "mapping", "source", "signatureTolerance");
        assertThat(WebFormConfig.FIELDS.get(1).secret()).isTrue();
        assertThat(WebFormConfig.FIELDS.get(0).allowedValues()).containsExactly("generic", "jinshuju", "jiandaoyun", "typeform", "jotform");
        assertThat(new ConnectorConfig(WebFormConfig.FIELDS, Map.of("secret", "abc123-very-secret")).toString()).doesNotContain("abc123");
    }

    @Test
    void requiresASecret() {
        assertThat(problems(Map.of())).extracting(ConfigProblem::field).contains("secret");
    }

    @Test
    void refusesShortOrUrlUnsafeTokensButNotVendorSecrets() {
        assertThat(problems(Map.of("secret", "short"))).extracting(ConfigProblem::field).containsExactly("secret");
        assertThat(problems(Map.of("secret", "has spaces and & signs!!"))).extracting(ConfigProblem::message)
                .anyMatch(m -> m.contains("URL"));
        assertThat(problems(Map.of("secret", "has spaces and & signs!!", "tokenLocation", "header"))).isEmpty();
        assertThat(problems(Map.of("preset", "typeform", "secret", "abc123"))).isEmpty();
        assertThat(problems(Map.of("preset", "jiandaoyun", "secret", "x", "signatureTolerance", "10m"))).isEmpty();
    }

    @Test
    void checksMappingTargetsAndPaths() {
        List<ConfigProblem> p = problems(Map.of("secret", Forms.TOKEN,
                "mapping", Map.of("entry.field_1", "nmae", "a[", "phone", "x", "attr:")));

        assertThat(p).extracting(ConfigProblem::message)
                .anyMatch(m -> m.contains("unknown target 'nmae'"))
                .anyMatch(m -> m.contains("unclosed '['"))
                .anyMatch(m -> m.contains("needs a key"));
    }

    @Test
    void checksTheAllowlistAndWhereAToleranceApplies() {
        assertThat(problems(Map.of("secret", Forms.TOKEN, "allowedSources", List.of("10.0.0.0/8", "example.com"))))
                .extracting(ConfigProblem::message).containsExactly("'example.com' is not an IP address or CIDR block");
        assertThat(problems(Map.of("secret", Forms.TOKEN, "allowedSources", "10.0.0.0/33")))
                .extracting(ConfigProblem::field).containsExactly("allowedSources");
        assertThat(problems(Map.of("secret", Forms.TOKEN, "signatureTolerance", "5m")))
                .extracting(ConfigProblem::field).containsExactly("signatureTolerance");
    }
}
