package io.kehu.connector.email;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import org.junit.jupiter.api.Test;

class MailHeaderDecoderTest {

    private static final Charset GBK = Charset.forName("GBK");

    @Test
    void readsTheGbFamilyAsGb18030() {
        for (String label : new String[] {"gb2312", "GBK", "x-gbk", "cp936", "GB18030", "\"gb2312\""}) {
            assertThat(MailHeaderDecoder.charset(label)).as(label).isEqualTo(MailHeaderDecoder.GB18030);
        }
        assertThat(MailHeaderDecoder.charset("utf-8*zh")).isEqualTo(UTF_8);
        assertThat(MailHeaderDecoder.charset("x-no-such-charset")).isNull();
    }

    @Test
    void recoversRaw8bitHeadersInUtf8OrGbk() {
        assertThat(MailHeaderDecoder.recover8bit(new String("张三".getBytes(UTF_8), ISO_8859_1))).isEqualTo("张三");
        assertThat(MailHeaderDecoder.recover8bit(new String("张三".getBytes(GBK), ISO_8859_1))).isEqualTo("张三");
        assertThat(MailHeaderDecoder.recover8bit("plain ascii")).isEqualTo("plain ascii");
        assertThat(MailHeaderDecoder.recover8bit("已经是文字")).isEqualTo("已经是文字");
    }

    @Test
    void decodesEncodedWordsLeniently() {
        assertThat(MailHeaderDecoder.decode("=?GB2312?Q?=D5=C5=C8=FD?=")).isEqualTo("张三");
        assertThat(MailHeaderDecoder.decode("Re: =?utf-8?b?5oql5Lu3?= =?utf-8?b?5Y2V?= (v2)")).isEqualTo("Re: 报价单 (v2)");
        // Missing padding, an unknown charset whose bytes are UTF-8, an undecodable word kept as it came.
        assertThat(MailHeaderDecoder.decode("=?UTF-8?B?5byg5LiJ?=")).isEqualTo("张三");
        assertThat(MailHeaderDecoder.decode("=?x-unknown?B?5byg5LiJ?=")).isEqualTo("张三");
        assertThat(MailHeaderDecoder.decode("=?UTF-8?Q?caf=C3=A9?= =?ISO-8859-1?Q?caf=E9?=")).isEqualTo("cafécafé");
        assertThat(MailHeaderDecoder.decode("a\r\n b")).isEqualTo("a b");
        assertThat(MailHeaderDecoder.decode("tab\tand\u0001control")).isEqualTo("tab and control");
    }
}
