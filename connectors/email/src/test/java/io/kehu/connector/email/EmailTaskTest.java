package io.kehu.connector.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.kehu.api.testing.TestSourceContext;
import jakarta.mail.search.ReceivedDateTerm;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.camel.component.mail.MailComponent;
import org.apache.camel.component.mail.MailConfiguration;
import org.apache.camel.component.mail.MailEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** The consumer options each folder's route gets; the behaviour behind them is exercised in EmailConnectorIT. */
class EmailTaskTest {

    private static final Instant NOW = Instant.parse("2025-06-03T08:00:00Z");

    private final TestSourceContext ctx = new TestSourceContext("sales-mailbox", EmailConfig.FIELDS, Map.of("host", "imap.example.com",
            "username", "sales@example.com", "password", "s3cret", "sentFolders", "已发送", "moveTo", "Processed",
            "pollInterval", "2m"));
    private final EmailConfig config = new EmailConfig(ctx.config);
    private final EmailTask task = new EmailTask(ctx, config, new EmailIngestor(ctx, config), Clock.fixed(NOW, ZoneOffset.UTC));

    private MailEndpoint endpoint(String folder, FolderWindow window) throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            return task.mailEndpoint(camel.getComponent("imaps", MailComponent.class), folder, window);
        }
    }

    @Test
    void incomingFoldersPeekAtUnreadMailNeverDeleteAndMoveWhenAsked() throws Exception {
        MailEndpoint e = endpoint("INBOX", null);
        MailConfiguration c = e.getConfiguration();
        assertThat(c.getProtocol()).isEqualTo("imaps");
        assertThat(c.getHost()).isEqualTo("imap.example.com");
        assertThat(c.getPort()).isEqualTo(993);
        assertThat(c.getFolderName()).isEqualTo("INBOX");
        assertThat(c.isPeek()).isTrue();
        assertThat(c.isUnseen()).isTrue();
        assertThat(c.isDelete()).isFalse();
        assertThat(c.isMapMailMessage()).isFalse();
        assertThat(c.getMoveTo()).isEqualTo("Processed");
        assertThat(c.getPassword()).isEqualTo("s3cret");
        assertThat(e.getEndpointUri()).doesNotContain("s3cret");
        assertThat(e.getIdempotentRepository()).isNull();
        assertThat(e.getSearchTerm()).isNull();
        assertThat(e.getDelay()).isEqualTo(120_000);
        assertThat(e.getMaxMessagesPerPoll()).isEqualTo(EmailTask.MAX_PER_POLL);
    }

    @Test
    void sentFoldersAreReadByDateFromTheStoredCursorAndNeverMoved() throws Exception {
        ctx.state.put("window.已发送", "2025-06-01T00:00:00Z");
        FolderWindow window = new FolderWindow(ctx.state(), "已发送", Clock.fixed(NOW, ZoneOffset.UTC));
        MailEndpoint e = endpoint("已发送", window);
        MailConfiguration c = e.getConfiguration();
        assertThat(c.getFolderName()).isEqualTo("已发送");
        assertThat(c.isUnseen()).isFalse();
        assertThat(c.isPeek()).isTrue();
        assertThat(c.getMoveTo()).isNull();
        assertThat(e.getIdempotentRepository()).isNotNull();
        assertThat(e.isIdempotentRepositoryRemoveOnCommit()).isFalse();
        assertThat(e.getSearchTerm()).isInstanceOfSatisfying(ReceivedDateTerm.class,
                t -> assertThat(t.getDate().toInstant()).isEqualTo(Instant.parse("2025-05-31T00:00:00Z")));
    }

    @Test
    void aWindowStartsAtTheFirstStartAndMovesOnlyAfterAWholeSuccessfulPoll() {
        FolderWindow w = new FolderWindow(ctx.state(), "Sent", Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(ctx.state).containsEntry("window.Sent", NOW.toString());
        ctx.state.put("window.Sent", "2025-06-01T00:00:00Z");
        FolderWindow restarted = new FolderWindow(ctx.state(), "Sent", Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(restarted.cursor()).isEqualTo(Instant.parse("2025-06-01T00:00:00Z"));

        restarted.begin(0);
        restarted.failed();
        assertThat(restarted.complete()).isFalse();
        assertThat(restarted.cursor()).isEqualTo(Instant.parse("2025-06-01T00:00:00Z"));

        restarted.begin(0);
        assertThat(restarted.complete()).isTrue();
        assertThat(restarted.cursor()).isEqualTo(NOW);
        assertThat(ctx.state).containsEntry("window.Sent", NOW.toString());
        assertThat(w).isNotNull();
    }
}
