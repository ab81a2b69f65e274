package io.kehu.server.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class IdentifierHashesTest {

    @Test
    void hashIsTheSha256OfSaltSeparatorAndKeyAndRepeatsForTheSameKey() throws Exception {
        IdentifierHashes hashes = new IdentifierHashes("pepper".getBytes(StandardCharsets.UTF_8));
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update("pepper\0phone:+8613912345678".getBytes(StandardCharsets.UTF_8));

        assertThat(hashes.hash("phone:+8613912345678")).isEqualTo(HexFormat.of().formatHex(sha.digest()));
        assertThat(hashes.hash("phone:+8613912345678")).isEqualTo(hashes.hash("phone:+8613912345678"));
    }

    @Test
    void anotherSaltGivesAnotherHashAndTheSaltIsNotShown() {
        IdentifierHashes a = new IdentifierHashes("salt-a".getBytes(StandardCharsets.UTF_8));
        IdentifierHashes b = new IdentifierHashes("salt-b".getBytes(StandardCharsets.UTF_8));

        assertThat(a.hash("email:a@b.cn")).isNotEqualTo(b.hash("email:a@b.cn"));
        assertThat(a.toString()).doesNotContain("salt-a");
    }
}
