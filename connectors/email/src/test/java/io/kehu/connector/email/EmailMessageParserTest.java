package io.kehu.connector.email;

import static io.kehu.connector.email.RawMail.GBK;
import static io.kehu.connector.email.RawMail.b;
import static io.kehu.connector.email.RawMail.mail;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kehu.api.HubException;
import java.nio.charset.Charset;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EmailMessageParserTest {

    private static final Instant RECEIVED = Instant.parse("2025-06-01T02:00:00Z");
    private final EmailMessageParser parser = new EmailMessageParser();

    private ParsedMail parse(RawMail m) {
        return parser.parse(m.bytes(), RECEIVED);
    }

    @Test
    void decodesGbkEncodedNameAndAGb2312LabelledSubjectHoldingGbkCharacters() {
        // 堃 is in GBK but not in GB2312: a strict GB2312 decoder turns it into '?'.
        ParsedMail m = parse(mail()
                .header("From", b("张三", GBK) + " <zhangsan@example.com>")
                .header("Subject", b("gb2312", "报价请求：王堃".getBytes(GBK)))
                .header("Message-ID", "<a1@example.com>")
                .body("你好"));
        assertThat(m.from()).isEqualTo(new MailAddress("zhangsan@example.com", "张三"));
        assertThat(m.subject()).isEqualTo("报价请求：王堃");
    }

    @Test
    void joinsUtf8EncodedWordsThatSplitOneCharacter() {
        byte[] name = "张三".getBytes(UTF_8); // six bytes; cut after the second
        String from = b("UTF-8", Arrays.copyOfRange(name, 0, 2)) + "\r\n " + b("UTF-8", Arrays.copyOfRange(name, 2, 6))
                + " <zs@example.com>";
        ParsedMail m = parse(mail().header("From", from).header("Subject", "=?utf-8?Q?=E8=AF=A2=E4=BB=B7?= now").body("x"));
        assertThat(m.from().name()).isEqualTo("张三");
        assertThat(m.subject()).isEqualTo("询价 now");
    }

    @Test
    void readsQuotedChineseNamesInRawUtf8AndEncodedWordsInsideQuotes() {
        ParsedMail m = parse(mail()
                .header("From", "\"张三\" <a@b.com>")
                .header("To", "\"" + b("李四", UTF_8) + "\" <lisi@example.cn>, \"Wang, Wu\" <ww@example.cn>, plain@example.org")
                .body("x"));
        assertThat(m.from()).isEqualTo(new MailAddress("a@b.com", "张三"));
        assertThat(m.to()).containsExactly(
                new MailAddress("lisi@example.cn", "李四"),
                new MailAddress("ww@example.cn", "Wang, Wu"),
                new MailAddress("plain@example.org", null));
    }

    @Test
    void recoversRawGbkHeadersAndBody() {
        ParsedMail m = parse(mail()
                .header("From", "\"李四\" <lisi@example.cn>", GBK)
                .header("Subject", "关于样品的问题", GBK)
                .header("Content-Type", "text/plain") // no charset at all, as some Chinese mailers send
                .body("请问样品什么时候发货？", GBK));
        assertThat(m.from()).isEqualTo(new MailAddress("lisi@example.cn", "李四"));
        assertThat(m.subject()).isEqualTo("关于样品的问题");
        assertThat(m.text()).isEqualTo("请问样品什么时候发货？");
    }

    @Test
    void readsGb18030AndGbkBodiesByTheirDeclaredCharset() {
        ParsedMail m = parse(mail()
                .header("From", "a@b.com")
                .header("Content-Type", "text/plain; charset=gb2312")
                .header("Content-Transfer-Encoding", "base64")
                .body(RawMail.base64Lines("王堃您好".getBytes(Charset.forName("GB18030")))));
        assertThat(m.text()).isEqualTo("王堃您好");
    }

    @Test
    void prefersThePlainVersionOfMultipartAlternative() {
        ParsedMail m = parse(mail()
                .header("From", "a@b.com")
                .header("Content-Type", "multipart/alternative; boundary=\"alt\"")
                .body("""
                        --alt
                        Content-Type: text/plain; charset=UTF-8
                        Content-Transfer-Encoding: quoted-printable

                        =E4=BD=A0=E5=A5=BD plain
                        --alt
                        Content-Type: text/html; charset=UTF-8

                        <p>html version</p>
                        --alt--
                        """));
        assertThat(m.text().strip()).isEqualTo("你好 plain");
        assertThat(m.attachments()).isEmpty();
    }

    @Test
    void turnsAnHtmlOnlyBodyIntoTextWithQuotesMarked() {
        ParsedMail m = parse(mail()
                .header("From", "a@b.com")
                .header("Content-Type", "text/html; charset=UTF-8")
                .body("<html><head><style>p{color:red}</style><title>t</title></head><body>"
                        + "<div>您好，<b>报价</b>&nbsp;请见附件。</div><div>谢谢<br>张三</div>"
                        + "<script>alert(1)</script>"
                        + "<blockquote><p>上次的问题</p></blockquote></body></html>"));
        assertThat(m.text()).isEqualTo("您好，报价 请见附件。\n谢谢\n张三\n> 上次的问题");
    }

    @Test
    void describesAttachmentsByDecodedNameAndSizeAndSkipsInlineImages() {
        byte[] pdf = new byte[3000];
        Arrays.fill(pdf, (byte) 7);
        String gbkName = b("产品目录.xlsx", GBK);
        ParsedMail m = parse(mail()
                .header("From", "a@b.com")
                .header("Content-Type", "multipart/mixed; boundary=mix")
                .body("--mix\n"
                        + "Content-Type: multipart/related; boundary=rel\n\n"
                        + "--rel\nContent-Type: text/html; charset=UTF-8\n\n<p>见附件 <img src=\"cid:logo\"></p>\n"
                        + "--rel\nContent-Type: image/png\nContent-ID: <logo>\nContent-Transfer-Encoding: base64\n\niVBORw0KGgo=\n"
                        + "--rel--\n"
                        + "--mix\n"
                        + "Content-Type: application/pdf\n"
                        + "Content-Disposition: attachment; filename*=UTF-8''%E6%8A%A5%E4%BB%B7%E5%8D%95.pdf\n"
                        + "Content-Transfer-Encoding: base64\n\n" + RawMail.base64Lines(pdf) + "\n"
                        + "--mix\n"
                        + "Content-Type: application/vnd.ms-excel; name=\"" + gbkName + "\"\n"
                        + "Content-Disposition: attachment; filename=\"" + gbkName + "\"\n\n"
                        + "abc\n"
                        + "--mix--\n"));
        assertThat(m.text()).isEqualTo("见附件");
        assertThat(m.attachments()).extracting(ParsedMail.Attachment::name, ParsedMail.Attachment::size)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("报价单.pdf", 3000L),
                        org.assertj.core.groups.Tuple.tuple("产品目录.xlsx", 3L));
    }

    @Test
    void readsThreadHeadersAndFallsBackToTheReceivedDate() {
        ParsedMail m = parse(mail()
                .header("From", "a@b.com")
                .header("Message-ID", "<m2@example.com>")
                .header("In-Reply-To", "<m1@example.com>")
                .header("References", "<m0@example.com>\r\n <m1@example.com>")
                .body("x"));
        assertThat(m.messageId()).isEqualTo("<m2@example.com>");
        assertThat(m.inReplyTo()).isEqualTo("<m1@example.com>");
        assertThat(m.references()).containsExactly("<m0@example.com>", "<m1@example.com>");
        assertThat(m.threadId()).isEqualTo("<m0@example.com>");
        assertThat(m.date()).isEqualTo(RECEIVED);

        ParsedMail dated = parse(mail().header("From", "a@b.com").header("Date", "Mon, 2 Jun 2025 10:30:00 +0800").body("x"));
        assertThat(dated.date()).isEqualTo(Instant.parse("2025-06-02T02:30:00Z"));
    }

    @Test
    void rejectsAMultipartWhoseBoundaryNeverAppears() {
        RawMail broken = mail()
                .header("From", "a@b.com")
                .header("Content-Type", "multipart/mixed; boundary=\"never-there\"")
                .body("this body has no parts at all\n");
        assertThatThrownBy(() -> parse(broken))
                .isInstanceOf(EmailMessageParser.MalformedMailException.class)
                .hasMessageContaining("body cannot be read")
                .satisfies(e -> assertThat(((HubException) e).retryable()).isFalse());
    }

    @Test
    void rejectsATextBodyInAnUnknownTransferEncodingButToleratesItOnAttachments() {
        assertThatThrownBy(() -> parse(mail()
                .header("From", "a@b.com")
                .header("Content-Transfer-Encoding", "x-bogus")
                .body("?!")))
                .isInstanceOf(EmailMessageParser.MalformedMailException.class)
                .hasMessageContaining("Unknown encoding");

        ParsedMail ok = parse(mail()
                .header("From", "a@b.com")
                .header("Content-Type", "multipart/mixed; boundary=b")
                .body("--b\nContent-Type: text/plain\n\nhello\n--b\nContent-Type: application/zip\n"
                        + "Content-Disposition: attachment; filename=a.zip\nContent-Transfer-Encoding: x-uuencode-ish\n\nabcd\n--b--\n"));
        assertThat(ok.text().strip()).isEqualTo("hello");
        assertThat(ok.attachments()).extracting(ParsedMail.Attachment::name).containsExactly("a.zip");
    }

    @Test
    void rejectsAMailWithoutAnySenderAddress() {
        assertThatThrownBy(() -> parse(mail().header("From", "undisclosed").header("Subject", "hi").body("x")))
                .isInstanceOf(EmailMessageParser.MalformedMailException.class)
                .hasMessageContaining("sender");
    }
}
