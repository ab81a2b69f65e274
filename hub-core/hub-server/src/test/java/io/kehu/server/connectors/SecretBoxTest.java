package io.kehu.server.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kehu.api.HubException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {

    @TempDir
    Path dir;

    @Test
    void encryptsSoTheStoredValueHidesTheSecretAndDecryptsBack() {
        SecretBox box = SecretBox.fromKeyOrFile(null, dir.resolve("secret.key"));

        String stored = box.encrypt("corp-secret-123");

        assertThat(stored).startsWith("enc:v1:").doesNotContain("corp-secret-123");
        assertThat(box.encrypt("corp-secret-123")).isNotEqualTo(stored);
        assertThat(SecretBox.fromKeyOrFile(null, dir.resolve("secret.key")).decrypt(stored)).isEqualTo("corp-secret-123");
    }

    @Test
    void aDifferentKeyCannotDecryptAndSaysSoWithoutTheValue() {
        String stored = SecretBox.fromKeyOrFile(null, dir.resolve("a.key")).encrypt("corp-secret-123");
        SecretBox other = SecretBox.fromKeyOrFile(null, dir.resolve("b.key"));

        assertThatThrownBy(() -> other.decrypt(stored)).isInstanceOf(HubException.class)
                .hasMessageContaining("secret key").hasMessageNotContaining("corp-secret-123");
    }

    @Test
    void leavesPlainValuesAlone() {
        assertThat(SecretBox.fromKeyOrFile(null, dir.resolve("k")).decrypt("plain")).isEqualTo("plain");
    }
}
