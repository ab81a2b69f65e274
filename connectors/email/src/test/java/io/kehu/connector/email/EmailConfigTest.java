package io.kehu.connector.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.kehu.api.spi.ConfigProblem;
import io.kehu.api.spi.ConnectorConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmailConfigTest {

    private static ConnectorConfig config(Map<String, Object> extra) {
        Map<String, Object> v = new HashMap<>(Map.of("host", "imap.exmail.qq.com", "username", "Sales@Example.com", "password", "s3cret"));
        v.putAll(extra);
        return new ConnectorConfig(EmailConfig.FIELDS, v);
    }

    private static List<String> problems(Map<String, Object> extra) {
        ConnectorConfig c = config(extra);
        List<ConfigProblem> all = new java.util.ArrayList<>(c.validate());
        all.addAll(EmailConfig.validate(c));
        return all.stream().map(p -> p.field() + ": " + p.message()).toList();
    }

    @Test
    void defaultsToImapsOnPort993ReadingTheInboxEveryMinute() {
        EmailConfig c = new EmailConfig(config(Map.of()));
        assertThat(problems(Map.of())).isEmpty();
        assertThat(c.protocol()).isEqualTo("imaps");
        assertThat(c.port()).isEqualTo(993);
        assertThat(c.folders()).containsExactly("INBOX");
        assertThat(c.sentFolders()).isEmpty();
        assertThat(c.pollInterval()).hasSeconds(60);
        assertThat(c.maxSummaryChars()).isEqualTo(500);
        assertThat(c.moveTo()).isNull();
        assertThat(c.trustAllCertificates()).isFalse();
        assertThat(c.ownAddresses()).containsExactly("sales@example.com");
        assertThat(c.javaMailProperties()).containsEntry("mail.imaps.ssl.checkserveridentity", "true")
                .doesNotContainKey("mail.imaps.ssl.trust");
        assertThat(config(Map.of()).masked()).containsEntry("password", "******");
    }

    @Test
    void readsListsOfFoldersAndOwnDomains() {
        EmailConfig c = new EmailConfig(config(Map.of("folders", List.of("INBOX", "询价"), "sentFolders", "Sent, 已发送",
                "ownDomains", "@Example.com, example.cn", "trustAllCertificates", "true", "protocol", "imap", "port", 143)));
        assertThat(c.allFolders()).containsExactly("INBOX", "询价", "Sent", "已发送");
        assertThat(c.isSentFolder("sent")).isTrue();
        assertThat(c.readsByDate("INBOX")).isFalse();
        assertThat(c.readsByDate("已发送")).isTrue();
        assertThat(c.ownDomains()).containsExactly("example.com", "example.cn");
        assertThat(c.javaMailProperties()).containsEntry("mail.imap.ssl.trust", "*").containsEntry("mail.imap.starttls.enable", "true");
    }

    @Test
    void refusesContradictoryOrMalformedSettings() {
        assertThat(problems(Map.of("protocol", "imap"))).containsExactly("port: 993 is the imaps port: for protocol imap set the port, usually 143");
        assertThat(problems(Map.of("protocol", "pop3"))).anyMatch(p -> p.startsWith("protocol: must be one of"));
        assertThat(problems(Map.of("moveTo", "inbox"))).containsExactly("moveTo: must not be one of the folders that are read");
        assertThat(problems(Map.of("sentFolders", "INBOX"))).containsExactly("sentFolders: folder 'INBOX' is named twice");
        assertThat(problems(Map.of("ownDomains", "sales@example.com"))).containsExactly(
                "ownDomains: 'sales@example.com' is not a domain like example.com");
        assertThat(problems(Map.of("port", 70000, "maxSummaryChars", 5))).containsExactly(
                "port: must be between 1 and 65535", "maxSummaryChars: must be 20 or more");
        assertThat(problems(Map.of("folders", List.of()))).containsExactly("folders: name at least one folder (or one in sentFolders)");
        assertThat(problems(Map.of("password", ""))).containsExactly("password: is required");
    }
}
