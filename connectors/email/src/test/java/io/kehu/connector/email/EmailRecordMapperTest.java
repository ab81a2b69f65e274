package io.kehu.connector.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.kehu.api.domain.Identifier;
import io.kehu.api.domain.SourceRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EmailRecordMapperTest {

    private static final Instant DATE = Instant.parse("2025-06-02T02:30:00Z");
    private final EmailRecordMapper mapper = new EmailRecordMapper(Set.of("example.com", "example.cn"), Set.of("sales@example.com"),
            new EmailSummarizer(500));

    private static ParsedMail mail(String messageId, MailAddress from, List<MailAddress> to, List<MailAddress> cc) {
        return new ParsedMail(messageId, from, to, cc, List.of(), "询价：阀门", DATE, "<m0@x>", List.of("<m0@x>"),
                "请报价。\n> old", List.of(new ParsedMail.Attachment("报价单 \"v2\".pdf", 3000, "application/pdf")),
                Map.of());
    }

    @Test
    void incomingMailBecomesOneRecordForTheSender() {
        ParsedMail m = mail("<m1@customer.cn>", new MailAddress("zs@customer.cn", "张三"),
                List.of(new MailAddress("sales@example.com", "Sales")), List.of(new MailAddress("ls@other.cn", "李四")));
        EmailRecordMapper.Mapped mapped = mapper.map(m, "INBOX", false);
        assertThat(mapped.outgoing()).isFalse();
        assertThat(mapped.records()).hasSize(1);
        SourceRecord r = mapped.records().get(0);
        assertThat(r.key()).isEqualTo(EmailRecordMapper.mailKey(m)).startsWith("mail:").hasSize(5 + 32);
        assertThat(r.lead().name()).isEqualTo("张三");
        assertThat(r.lead().identifiers()).containsExactly(Identifier.email("zs@customer.cn"));
        assertThat(r.lead().source()).isEqualTo("email");
        assertThat(r.interaction().id()).isEqualTo(r.key());
        assertThat(r.interaction().type()).isEqualTo("email");
        assertThat(r.interaction().channel()).isEqualTo("email");
        assertThat(r.interaction().occurredAt()).isEqualTo(DATE);
        assertThat(r.interaction().summary()).isEqualTo("询价：阀门\n请报价。");
        assertThat(r.interaction().details())
                .containsEntry("subject", "询价：阀门")
                .containsEntry("messageId", "<m1@customer.cn>")
                .containsEntry("inReplyTo", "<m0@x>")
                .containsEntry("threadId", "<m0@x>")
                .containsEntry("direction", "in")
                .containsEntry("folder", "INBOX")
                .containsEntry("from", "张三 <zs@customer.cn>")
                .containsEntry("attachmentCount", "1")
                .containsEntry("attachments", "[{\"name\":\"报价单 \\\"v2\\\".pdf\",\"size\":3000,\"type\":\"application/pdf\"}]");
    }

    @Test
    void sentMailBecomesOneRecordPerExternalRecipient() {
        ParsedMail m = mail("<s1@example.com>", new MailAddress("sales@example.com", "Sales"),
                List.of(new MailAddress("zs@customer.cn", "张三"), new MailAddress("boss@example.cn", "老板")),
                List.of(new MailAddress("ZS@customer.cn", null), new MailAddress("ls@other.cn", "李四"),
                        new MailAddress("it@mail.example.com", null)));
        EmailRecordMapper.Mapped mapped = mapper.map(m, "已发送", true);
        assertThat(mapped.outgoing()).isTrue();
        assertThat(mapped.records()).extracting(r -> r.lead().identifiers().get(0).value())
                .containsExactly("zs@customer.cn", "ls@other.cn");
        assertThat(mapped.records()).extracting(r -> r.interaction().id()).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).startsWith(EmailRecordMapper.mailKey(m) + ":"));
        assertThat(mapped.records().get(0).interaction().details()).containsEntry("direction", "out").containsEntry("folder", "已发送");
    }

    @Test
    void mailFromAColleagueInTheInboxIsOutgoingAndColleaguesAloneAreNobody() {
        ParsedMail cc = mail("<c1@example.cn>", new MailAddress("wang@example.cn", "王经理"),
                List.of(new MailAddress("zs@customer.cn", "张三")), List.of(new MailAddress("sales@example.com", null)));
        EmailRecordMapper.Mapped mapped = mapper.map(cc, "INBOX", false);
        assertThat(mapped.outgoing()).isTrue();
        assertThat(mapped.records()).extracting(r -> r.lead().name()).containsExactly("张三");

        ParsedMail internal = mail("<c2@example.cn>", new MailAddress("wang@example.cn", null),
                List.of(new MailAddress("sales@example.com", null)), List.of());
        EmailRecordMapper.Mapped none = mapper.map(internal, "INBOX", false);
        assertThat(none.records()).isEmpty();
        assertThat(none.skipped()).isEqualTo("no external recipient");
    }

    @Test
    void theSameMailAlwaysGetsTheSameIdsAndMailWithoutMessageIdIsKeyedByItsHeaders() {
        MailAddress from = new MailAddress("zs@customer.cn", "张三");
        List<MailAddress> to = List.of(new MailAddress("sales@example.com", null));
        assertThat(EmailRecordMapper.mailKey(mail("<same@x>", from, to, List.of())))
                .isEqualTo(EmailRecordMapper.mailKey(mail("<same@x>", new MailAddress("other@x.cn", null), List.of(), List.of())));
        String noId = EmailRecordMapper.mailKey(mail(null, from, to, List.of()));
        assertThat(noId).isEqualTo(EmailRecordMapper.mailKey(mail(null, from, to, List.of())))
                .isNotEqualTo(EmailRecordMapper.mailKey(mail(null, new MailAddress("other@x.cn", null), to, List.of())));
    }
}
