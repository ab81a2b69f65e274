package io.kehu.connector.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTextTest {

    @Test
    void keepsLinesAndDropsScriptsStylesAndImages() {
        assertThat(HtmlText.toText("<p>第一段</p><p>第二段<img src=x alt=logo></p><style>.a{}</style><ul><li>一</li><li>二</li></ul>"))
                .isEqualTo("第一段\n\n第二段\n\n一\n二");
        assertThat(HtmlText.toText("<table><tr><td>型号</td><td>DN50</td></tr></table>")).isEqualTo("型号 DN50");
        assertThat(HtmlText.toText("a &amp; b&nbsp;&lt;c&gt;")).isEqualTo("a & b <c>");
    }

    @Test
    void quoteHeadersOfQqMailAndGmailSurviveSoTheSummarizerCanCutThere() {
        String qq = "<div>好的</div><div><br></div><div style=\"font-size:12px\">------------------&nbsp;原始邮件&nbsp;------------------</div>"
                + "<div><b>发件人:</b>&nbsp;\"销售部\"&lt;sales@example.com&gt;;</div><div><b>发送时间:</b>&nbsp;2025年6月2日</div><div>旧内容</div>";
        assertThat(EmailSummarizer.trimBody(HtmlText.toText(qq))).isEqualTo("好的");
        String gmail = "<div dir=\"ltr\">Sounds good.</div><br><div class=\"gmail_quote\"><div class=\"gmail_attr\">"
                + "On Mon, Jun 2, 2025 at 10:30 AM Sales &lt;sales@example.com&gt; wrote:<br></div>"
                + "<blockquote class=\"gmail_quote\"><div>Our offer</div></blockquote></div>";
        assertThat(EmailSummarizer.trimBody(HtmlText.toText(gmail))).isEqualTo("Sounds good.");
    }
}
