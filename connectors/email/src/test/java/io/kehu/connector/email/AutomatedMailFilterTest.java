package io.kehu.connector.email;

import static io.kehu.connector.email.RawMail.mail;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AutomatedMailFilterTest {

    private final EmailMessageParser parser = new EmailMessageParser();
    private final AutomatedMailFilter filter = new AutomatedMailFilter();

    private String reason(String from, String subject, String... headers) {
        RawMail m = mail().header("From", from).header("Subject", subject);
        for (int i = 0; i < headers.length; i += 2) {
            m.header(headers[i], headers[i + 1]);
        }
        return filter.reason(parser.parseHeaders(m.body("x").bytes(), Instant.EPOCH));
    }

    @Test
    void letsMailAPersonWroteThrough() {
        assertThat(reason("张三 <zs@example.cn>", "询价")).isNull();
        assertThat(reason("zs@example.cn", "Re: order", "Auto-Submitted", "no")).isNull();
        assertThat(reason("zs@example.cn", "Automatic transmission parts", "Precedence", "first-class")).isNull();
    }

    @Test
    void skipsAutoRepliesByHeader() {
        assertThat(reason("zs@example.cn", "Re: 询价", "Auto-Submitted", "auto-replied")).isEqualTo("auto-submitted");
        assertThat(reason("zs@example.cn", "Out", "Auto-Submitted", "auto-generated; type=vacation")).isEqualTo("auto-submitted");
        assertThat(reason("zs@example.cn", "Re: hi", "X-Autoreply", "yes")).isEqualTo("auto-reply");
        assertThat(reason("zs@example.cn", "Re: hi", "X-Autorespond", "Out of office")).isEqualTo("auto-reply");
    }

    @Test
    void skipsAutoRepliesThatOnlyTheSubjectGivesAway() {
        assertThat(reason("zs@qq.com", "自动回复: 询价")).isEqualTo("auto-reply");
        assertThat(reason("zs@example.com", "Automatic reply: order 42")).isEqualTo("auto-reply");
        assertThat(reason("zs@example.com", "Out of Office: back Monday")).isEqualTo("auto-reply");
    }

    @Test
    void skipsBounces() {
        assertThat(reason("MAILER-DAEMON@mx.example.com", "Undelivered Mail Returned to Sender")).isEqualTo("bounce");
        assertThat(reason("postmaster@example.com", "Delivery failure")).isEqualTo("bounce");
        assertThat(reason("x@example.com", "failure", "Return-Path", "<>")).isEqualTo("bounce");
        assertThat(reason("x@example.com", "系统退信", "Content-Type", "multipart/report; report-type=delivery-status; boundary=x"))
                .isEqualTo("bounce");
    }

    @Test
    void skipsMailingListsBulkMailAndNoReplySenders() {
        assertThat(reason("dev@lists.example.org", "[dev] release", "List-Id", "<dev.lists.example.org>")).isEqualTo("mailing-list");
        assertThat(reason("news@example.com", "Newsletter", "Precedence", "bulk")).isEqualTo("bulk");
        assertThat(reason("news@example.com", "Weekly", "List-Unsubscribe", "<mailto:u@example.com>", "Precedence", "list"))
                .isEqualTo("bulk");
        assertThat(reason("noreply@example.com", "Your invoice")).isEqualTo("no-reply");
        assertThat(reason("do-not-reply@example.com", "Your invoice")).isEqualTo("no-reply");
    }
}
