package io.kehu.server.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.kehu.api.spi.ConfigField;
import io.kehu.api.spi.FieldType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeptSecretsTest {

    static final List<ConfigField> FIELDS = List.of(ConfigField.required("url", FieldType.URL, "where"),
            ConfigField.secret("token", "the token"));
    static final InstanceDefinition CURRENT = new InstanceDefinition("vault-1", "vault-test", true,
            Map.of("url", "https://a.example.cn", "token", "stored-token-1"), InstanceDefinition.API);

    @Test
    void aSecretSentBackMaskedKeepsTheStoredValue() {
        Map<String, Object> merged = KeptSecrets.merge(FIELDS, CURRENT, next("vault-test", Map.of("url", "https://b.example.cn",
                "token", KeptSecrets.MASK)));

        assertThat(merged).containsEntry("token", "stored-token-1").containsEntry("url", "https://b.example.cn");
    }

    @Test
    void aSecretLeftOutKeepsTheStoredValue() {
        assertThat(KeptSecrets.merge(FIELDS, CURRENT, next("vault-test", Map.of("url", "https://b.example.cn"))))
                .containsEntry("token", "stored-token-1");
    }

    @Test
    void aRetypedSecretReplacesAndAnEmptyOneClears() {
        assertThat(KeptSecrets.merge(FIELDS, CURRENT, next("vault-test", Map.of("token", "new-token-2"))))
                .containsEntry("token", "new-token-2");
        assertThat(KeptSecrets.merge(FIELDS, CURRENT, next("vault-test", Map.of("token", ""))))
                .containsEntry("token", "");
    }

    @Test
    void anotherTypeKeepsNothingAndTheMaskIsNeverStoredAsTheSecret() {
        Map<String, Object> merged = KeptSecrets.merge(FIELDS, CURRENT, next("other-test", Map.of("token", KeptSecrets.MASK)));

        assertThat(merged).doesNotContainKey("token");
    }

    @Test
    void fieldsThatAreNotSecretAreTakenAsGiven() {
        assertThat(KeptSecrets.merge(FIELDS, CURRENT, next("vault-test", Map.of("token", KeptSecrets.MASK))))
                .doesNotContainKey("url");
    }

    private static InstanceDefinition next(String type, Map<String, Object> config) {
        return new InstanceDefinition("vault-1", type, true, config, InstanceDefinition.API);
    }
}
