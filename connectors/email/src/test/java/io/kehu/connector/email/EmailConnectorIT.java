package io.kehu.connector.email;

import static io.kehu.connector.email.RawMail.GBK;
import static io.kehu.connector.email.RawMail.b;
import static io.kehu.connector.email.RawMail.mail;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.kehu.api.HubException;
import io.kehu.api.domain.SourceRecord;
import io.kehu.api.spi.CheckResult;
import io.kehu.api.spi.ConnectorConfig;
import io.kehu.api.spi.DeadLetter;
import io.kehu.api.testing.TestSourceContext;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The connector against a real IMAP server (GreenMail) and a real CamelContext. */
class EmailConnectorIT {

    private static final String LOGIN = "sales@example.com";
    private static final String PASSWORD = "app-password-123";

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(
            new ServerSetup[] {ServerSetupTest.IMAP, ServerSetupTest.IMAPS}));

    @TempDir
    Path dir;

    private GreenMailUser user;
    private DefaultCamelContext camel;
    private EmailTask task;

    @BeforeEach
    void mailbox() {
        user = greenMail.setUser(LOGIN, LOGIN, PASSWORD);
        camel = new DefaultCamelContext();
        camel.start();
    }

    @AfterEach
    void stop() {
        if (task != null) {
            task.close();
        }
        camel.stop();
    }

    // ---------------------------------------------------------------- the mails

    private static byte[] chineseInquiry() {
        return mail()
                .header("From", b("张三", GBK) + " <zhangsan@customer.cn>")
                .header("To", "\"销售部\" <sales@example.com>")
                .header("Subject", b("gb2312", "询价：不锈钢阀门（王堃）".getBytes(GBK)))
                .header("Date", "Mon, 2 Jun 2025 10:30:00 +0800")
                .header("Message-ID", "<cn-1@customer.cn>")
                .header("MIME-Version", "1.0")
                .header("Content-Type", "text/plain; charset=GBK")
                .header("Content-Transfer-Encoding", "base64")
                .body(RawMail.base64Lines("您好，请报价 DN50 阀门 200 个。\n\n-- \n张三\n采购部\n".getBytes(GBK)))
                .bytes();
    }

    private static byte[] orderWithDrawing() {
        byte[] pdf = new byte[2048];
        Arrays.fill(pdf, (byte) 'x');
        return mail()
                .header("From", "Alice Chen <alice@buyer.com>")
                .header("To", LOGIN)
                .header("Subject", "Order 42 drawings")
                .header("Message-ID", "<order-42@buyer.com>")
                .header("In-Reply-To", "<offer-7@example.com>")
                .header("References", "<offer-7@example.com>")
                .header("MIME-Version", "1.0")
                .header("Content-Type", "multipart/mixed; boundary=\"mix\"")
                .body("--mix\n"
                        + "Content-Type: multipart/alternative; boundary=\"alt\"\n\n"
                        + "--alt\nContent-Type: text/plain; charset=UTF-8\n\nPlease find the drawing attached.\n\n"
                        + "On Mon, Jun 2, 2025 at 10:30 AM Sales <sales@example.com> wrote:\n> Our offer\n"
                        + "--alt\nContent-Type: text/html; charset=UTF-8\n\n<p>Please find the drawing attached.</p>\n"
                        + "--alt--\n"
                        + "--mix\nContent-Type: application/pdf\n"
                        + "Content-Disposition: attachment; filename*=UTF-8''%E5%9B%BE%E7%BA%B8.pdf\n"
                        + "Content-Transfer-Encoding: base64\n\n" + RawMail.base64Lines(pdf) + "\n"
                        + "--mix--\n")
                .bytes();
    }

    private static byte[] autoReply() {
        return mail().header("From", "zhangsan@customer.cn").header("To", LOGIN).header("Subject", b("自动回复: 询价", UTF_8))
                .header("Auto-Submitted", "auto-replied").header("Message-ID", "<auto-1@customer.cn>").body("我正在休假。").bytes();
    }

    private static byte[] listMail() {
        return mail().header("From", "dev@lists.example.org").header("To", LOGIN).header("Subject", "[dev] release 1.2")
                .header("List-Id", "<dev.lists.example.org>").header("Message-ID", "<list-1@lists.example.org>").body("news").bytes();
    }

    /** A multipart whose boundary never appears: Jakarta Mail refuses to split it ("Missing start boundary"). */
    private static byte[] brokenMultipart() {
        return mail().header("From", "Bad Mailer <bad@customer.cn>").header("To", LOGIN).header("Subject", "broken")
                .header("Message-ID", "<broken-1@customer.cn>").header("MIME-Version", "1.0")
                .header("Content-Type", "multipart/mixed; boundary=\"never-there\"")
                .body("no parts here\n").bytes();
    }

    private static byte[] simple(String messageId, String from, String subject) {
        return mail().header("From", from).header("To", LOGIN).header("Subject", subject).header("Message-ID", messageId)
                .header("Date", "Tue, 3 Jun 2025 09:00:00 +0800").body("hello").bytes();
    }

    // ---------------------------------------------------------------- helpers

    private TestSourceContext context(Map<String, Object> extra) {
        Map<String, Object> values = new HashMap<>(Map.of(
                "host", "127.0.0.1",
                "port", greenMail.getImap().getPort(),
                "protocol", "imap",
                "username", LOGIN,
                "password", PASSWORD,
                "pollInterval", "200ms",
                "ownDomains", "example.com"));
        values.putAll(extra);
        TestSourceContext ctx = new TestSourceContext("sales-mailbox", EmailConfig.FIELDS, values).workDir(dir);
        assertThat(ctx.config.validate()).isEmpty();
        assertThat(EmailConfig.validate(ctx.config)).isEmpty();
        ctx.routeTarget = routes -> {
            try {
                camel.addRoutes(routes);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        return ctx;
    }

    private EmailTask start(TestSourceContext ctx) {
        task = (EmailTask) new EmailConnector().start(ctx);
        return task;
    }

    private void deliver(byte[] raw) throws Exception {
        user.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)));
    }

    /** Appends through IMAP, as a mail client files its sent mail: already marked read. */
    private void append(String folderName, byte[] raw) throws Exception {
        try (Store store = greenMail.getImap().createStore()) {
            store.connect(LOGIN, PASSWORD);
            Folder folder = store.getFolder(folderName);
            if (!folder.exists()) {
                folder.create(Folder.HOLDS_MESSAGES);
            }
            MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
            m.setFlag(Flags.Flag.SEEN, true);
            folder.appendMessages(new Message[] {m});
        }
    }

    private MailFolder folder(String name) throws Exception {
        return greenMail.getManagers().getImapHostManager().getFolder(user, name, false);
    }

    private List<StoredMessage> messages(String folder) throws Exception {
        MailFolder f = folder(folder);
        return f == null ? List.of() : f.getNonDeletedMessages();
    }

    private StoredMessage message(String folder, String messageId) throws Exception {
        return messages(folder).stream()
                .filter(m -> {
                    try {
                        return messageId.equals(m.getMimeMessage().getMessageID());
                    } catch (Exception e) {
                        return false;
                    }
                })
                .findFirst().orElseThrow(() -> new AssertionError("no " + messageId + " in " + folder));
    }

    private static SourceRecord byEmail(TestSourceContext ctx, String email) {
        return ctx.interactions().values().stream()
                .filter(r -> r.lead().identifiers().get(0).value().equals(email))
                .findFirst().orElseThrow(() -> new AssertionError("no record for " + email));
    }

    // ---------------------------------------------------------------- the behaviour

    @Test
    void turnsChineseAndMultipartMailIntoInteractionsAndSkipsAutoRepliesAndListMail() throws Exception {
        TestSourceContext ctx = context(Map.of());
        start(ctx);
        assertThat(camel.getRoute("sales-mailbox-mail-1")).isNotNull();
        deliver(chineseInquiry());
        deliver(orderWithDrawing());
        deliver(autoReply());
        deliver(listMail());

        await().atMost(Duration.ofSeconds(20)).until(() -> ctx.interactions().size() == 2 && ctx.counter("mails.skipped.automated") == 2);

        SourceRecord zs = byEmail(ctx, "zhangsan@customer.cn");
        assertThat(zs.lead().name()).isEqualTo("张三");
        assertThat(zs.lead().source()).isEqualTo("email");
        assertThat(zs.interaction().summary()).isEqualTo("询价：不锈钢阀门（王堃）\n您好，请报价 DN50 阀门 200 个。");
        assertThat(zs.interaction().details()).containsEntry("direction", "in").containsEntry("folder", "INBOX")
                .containsEntry("messageId", "<cn-1@customer.cn>");
        assertThat(zs.interaction().occurredAt()).hasToString("2025-06-02T02:30:00Z");

        SourceRecord alice = byEmail(ctx, "alice@buyer.com");
        assertThat(alice.lead().name()).isEqualTo("Alice Chen");
        assertThat(alice.interaction().summary()).isEqualTo("Order 42 drawings\nPlease find the drawing attached.");
        assertThat(alice.interaction().details())
                .containsEntry("threadId", "<offer-7@example.com>")
                .containsEntry("attachments", "[{\"name\":\"图纸.pdf\",\"size\":2048,\"type\":\"application/pdf\"}]");

        // Every mail, skipped ones included, ends up read once processed; nothing went to the dead letters.
        await().atMost(Duration.ofSeconds(10)).until(() -> messages("INBOX").stream().allMatch(m -> m.isSet(Flags.Flag.SEEN)));
        assertThat(ctx.deadLetters).isEmpty();
        assertThat(ctx.counter("mails.ingested")).isEqualTo(2);
    }

    @Test
    void keepsAMalformedMailAsDeadLetterAndGoesOnPolling() throws Exception {
        TestSourceContext ctx = context(Map.of());
        start(ctx);
        deliver(brokenMultipart());
        await().atMost(Duration.ofSeconds(20)).until(() -> ctx.deadLetters.size() == 1);
        deliver(simple("<after-1@customer.cn>", "李四 <lisi@customer.cn>", "after the broken one"));
        await().atMost(Duration.ofSeconds(20)).until(() -> ctx.interactions().size() == 1);

        DeadLetter letter = ctx.deadLetters.get(0);
        assertThat(letter.key()).isEqualTo("<broken-1@customer.cn>");
        assertThat(letter.type()).isEqualTo("mail");
        assertThat(letter.contentType()).isEqualTo("message/rfc822");
        assertThat(letter.reason()).contains("Missing start boundary");
        assertThat(letter.metadata()).containsEntry("folder", "INBOX").containsEntry("messageId", "<broken-1@customer.cn>");
        assertThat(new String(letter.payload(), UTF_8)).contains("boundary=\"never-there\"").contains("no parts here");
        assertThat(byEmail(ctx, "lisi@customer.cn").lead().name()).isEqualTo("李四");
        // The broken mail is processed as far as the mailbox goes: read, so it is not fetched again.
        await().atMost(Duration.ofSeconds(10)).until(() -> message("INBOX", "<broken-1@customer.cn>").isSet(Flags.Flag.SEEN));
        assertThat(ctx.deadLetters).hasSize(1);

        // Replaying the same bytes fails the same way, as the hub's replay endpoint reports it.
        assertThatThrownBy(() -> task.replay(letter)).isInstanceOf(HubException.class)
                .satisfies(e -> assertThat(((HubException) e).kind()).isEqualTo(HubException.Kind.INVALID_INPUT));
    }

    @Test
    void aMailTheHubRefusedForGoodIsReplayedFromItsDeadLetter() throws Exception {
        TestSourceContext ctx = context(Map.of());
        ctx.ingestFailure = batch -> new HubException(HubException.Kind.BUG, "A profile write failed: mapper_parsing_exception");
        start(ctx);
        deliver(chineseInquiry());
        await().atMost(Duration.ofSeconds(20)).until(() -> ctx.deadLetters.size() == 1);
        assertThat(ctx.deadLetters.get(0).reason()).contains("mapper_parsing_exception");

        ctx.storeUp();
        task.replay(ctx.deadLetters.get(0));
        assertThat(byEmail(ctx, "zhangsan@customer.cn").interaction().summary()).startsWith("询价：不锈钢阀门");
    }

    @Test
    void aRedeliveredMailYieldsTheSameInteractionAndNoDuplicate() throws Exception {
        TestSourceContext ctx = context(Map.of());
        start(ctx);
        deliver(chineseInquiry());
        await().atMost(Duration.ofSeconds(20)).until(() -> ctx.records().size() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> message("INBOX", "<cn-1@customer.cn>").isSet(Flags.Flag.SEEN));

        // A person marks it unread again, and the server delivers the same mail a second time.
        message("INBOX", "<cn-1@customer.cn>").setFlag(Flags.Flag.SEEN, false);
        deliver(chineseInquiry());
        await().atMost(Duration.ofSeconds(20)).until(() -> ctx.records().size() == 3);

        List<String> ids = ctx.records().stream().map(r -> r.interaction().id()).toList();
        assertThat(ids).hasSize(3).containsOnly(ids.get(0));
        assertThat(ctx.interactions()).hasSize(1);
    }

    @Test
    void anIngestFailureLeavesTheMailUnreadUntilTheHubIsBack() throws Exception {
        TestSourceContext ctx = context(Map.of());
        ctx.storeDown();
        start(ctx);
        deliver(chineseInquiry());
        await().atMost(Duration.ofSeconds(20)).until(() -> ctx.failedSubmits.get() >= 3);
        assertThat(message("INBOX", "<cn-1@customer.cn>").isSet(Flags.Flag.SEEN)).isFalse();
        assertThat(ctx.deadLetters).isEmpty();
        assertThat(ctx.errors).isNotEmpty().allSatisfy(e -> assertThat(e).doesNotContain("zhangsan"));

        ctx.storeUp();
        await().atMost(Duration.ofSeconds(20)).until(() -> ctx.interactions().size() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> message("INBOX", "<cn-1@customer.cn>").isSet(Flags.Flag.SEEN));
        assertThat(ctx.records()).hasSize(1);
    }

    @Test
    void readsSentFoldersByDateForTheRecipientsAndMovesProcessedIncomingMail() throws Exception {
        TestSourceContext ctx = context(Map.of("sentFolders", "已发送", "moveTo", "Processed"));
        append("已发送", mail()
                .header("From", "Sales <sales@example.com>")
                .header("To", b("王五", UTF_8) + " <wangwu@customer.cn>, boss@example.com")
                .header("Cc", "\"赵六\" <zhaoliu@partner.cn>")
                .header("Subject", "报价单")
                .header("Message-ID", "<sent-1@example.com>")
                .body("附件是报价单。")
                .bytes());
        start(ctx);
        assertThat(camel.getRoute("sales-mailbox-mail-2")).isNotNull();
        deliver(simple("<in-1@customer.cn>", "李四 <lisi@customer.cn>", "问题"));

        await().atMost(Duration.ofSeconds(20)).until(() -> ctx.interactions().size() == 3);
        SourceRecord wang = byEmail(ctx, "wangwu@customer.cn");
        assertThat(wang.lead().name()).isEqualTo("王五");
        assertThat(wang.interaction().details()).containsEntry("direction", "out").containsEntry("folder", "已发送");
        assertThat(byEmail(ctx, "zhaoliu@partner.cn").lead().name()).isEqualTo("赵六");
        assertThat(ctx.interactions().values()).noneMatch(r -> r.lead().identifiers().get(0).value().endsWith("@example.com"));
        assertThat(byEmail(ctx, "lisi@customer.cn").interaction().details()).containsEntry("direction", "in");

        // Incoming mail is moved once processed; sent mail stays where the user filed it.
        await().atMost(Duration.ofSeconds(10)).until(() -> messages("INBOX").isEmpty() && messages("Processed").size() == 1);
        assertThat(messages("已发送")).hasSize(1);
        assertThat(ctx.state).containsKey("window.已发送");

        // The sent folder is polled again and again; its mail is not ingested a second time.
        long polls = ctx.counter("mails.read");
        // No Date header: an IMAP APPEND without a received date takes the Date header as the internal date.
        append("已发送", mail().header("From", LOGIN).header("To", "colleague@example.com").header("Subject", "internal")
                .header("Message-ID", "<sent-2@example.com>").body("lunch?").bytes());
        await().atMost(Duration.ofSeconds(20)).until(() -> ctx.counter("mails.read") > polls);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(ctx.records())
                .extracting(r -> r.position() + " " + r.lead().identifiers().get(0).value()).hasSize(3));
    }

    @Test
    void readsAnImapsMailboxWithASelfSignedCertificate() throws Exception {
        TestSourceContext ctx = context(Map.of("protocol", "imaps", "port", greenMail.getImaps().getPort(),
                "trustAllCertificates", "true"));
        start(ctx);
        deliver(orderWithDrawing());
        await().atMost(Duration.ofSeconds(20)).until(() -> ctx.interactions().size() == 1);
        assertThat(byEmail(ctx, "alice@buyer.com").interaction().details()).containsEntry("attachmentCount", "1");
    }

    @Test
    void checkLogsInAndLooksForTheFolders() {
        EmailConnector connector = new EmailConnector();
        Map<String, Object> good = Map.of("host", "127.0.0.1", "port", greenMail.getImap().getPort(), "protocol", "imap",
                "username", LOGIN, "password", PASSWORD);
        CheckResult ok = connector.check(new ConnectorConfig(EmailConfig.FIELDS, good));
        assertThat(ok.ok()).as(ok.message()).isTrue();

        Map<String, Object> wrongPassword = new HashMap<>(good);
        wrongPassword.put("password", "nope");
        CheckResult refused = connector.check(new ConnectorConfig(EmailConfig.FIELDS, wrongPassword));
        assertThat(refused.ok()).isFalse();
        assertThat(refused.message()).contains("refused the login").doesNotContain("nope");

        Map<String, Object> missingFolder = new HashMap<>(good);
        missingFolder.put("sentFolders", "Sent Items");
        CheckResult missing = connector.check(new ConnectorConfig(EmailConfig.FIELDS, missingFolder));
        assertThat(missing.ok()).isFalse();
        assertThat(missing.message()).contains("do not exist: Sent Items").contains("The server has: INBOX");
    }
}
