package io.kehu.connector.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmailSummarizerTest {

    private final EmailSummarizer summarizer = new EmailSummarizer(500);

    @Test
    void cutsAnEnglishReplyAtTheGmailAttributionEvenWhenItIsWrapped() {
        String body = """
                Thanks, we will take 200 units.

                On Mon, Jun 2, 2025 at 10:30 AM Sales Team <
                sales@example.com> wrote:
                Here is our offer.
                """;
        assertThat(EmailSummarizer.trimBody(body)).isEqualTo("Thanks, we will take 200 units.");
    }

    @Test
    void cutsAtChineseQuoteHeadersOfQqMailAndFoxmail() {
        assertThat(EmailSummarizer.trimBody("""
                好的，明天发货。

                ------------------ 原始邮件 ------------------
                发件人: "销售部"<sales@example.com>;
                发送时间: 2025年6月2日(星期一) 上午10:30
                请确认订单。
                """)).isEqualTo("好的，明天发货。");
        assertThat(EmailSummarizer.trimBody("""
                收到，谢谢！
                在 2025年6月2日 上午10:30，张三 <zs@example.com> 写道：
                > 报价见附件
                """)).isEqualTo("收到，谢谢！");
    }

    @Test
    void cutsAtOutlookOriginalMessageAndHeaderBlocks() {
        assertThat(EmailSummarizer.trimBody("""
                Please see below.
                -----Original Message-----
                From: Alice
                """)).isEqualTo("Please see below.");
        assertThat(EmailSummarizer.trimBody("""
                请查收。

                ________________________________
                发件人: 张三 <zs@example.com>
                发送时间: 2025年6月2日 10:30
                收件人: sales@example.com
                主题: 询价
                """)).isEqualTo("请查收。");
        assertThat(EmailSummarizer.trimBody("""
                OK for me.
                From: Alice Chen <alice@example.com>
                Sent: Monday, June 2, 2025 10:30 AM
                Subject: order
                """)).isEqualTo("OK for me.");
    }

    @Test
    void keepsABottomPostedAnswerBelowTheQuote() {
        assertThat(EmailSummarizer.trimBody("""
                On Mon, Jun 2, 2025, Bob wrote:
                > Can you ship in July?

                Yes, early July works.
                """)).isEqualTo("Yes, early July works.");
    }

    @Test
    void dropsSignaturesAndMobileFooters() {
        assertThat(EmailSummarizer.trimBody("""
                See you Tuesday.
                --\s
                Alice Chen | Purchasing
                +86 138 0013 8000
                """)).isEqualTo("See you Tuesday.");
        assertThat(EmailSummarizer.trimBody("好的\n\n发自我的iPhone\n")).isEqualTo("好的");
        assertThat(EmailSummarizer.trimBody("ok\nSent from my iPhone\n> old")).isEqualTo("ok");
    }

    @Test
    void summaryIsSubjectThenBodyCutToTheLimitWithAnEllipsis() {
        assertThat(summarizer.summarize("询价：阀门", "请报价 100 个。\n> 旧邮件")).isEqualTo("询价：阀门\n请报价 100 个。");
        assertThat(summarizer.summarize("", "only body")).isEqualTo("only body");
        assertThat(new EmailSummarizer(20).summarize("Subject", "一二三四五六七八九十一二三四五六七八九十"))
                .hasSize(20).endsWith("…").startsWith("Subject\n一二三");
        assertThat(EmailSummarizer.truncate("😀😀😀😀", 3)).isEqualTo("😀😀…");
    }
}
