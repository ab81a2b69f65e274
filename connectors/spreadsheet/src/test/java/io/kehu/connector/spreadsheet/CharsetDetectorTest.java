package io.kehu.connector.spreadsheet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CharsetDetectorTest {

    private static CharsetDetector.Detected detect(byte[] bytes, Charset configured, int chunk) {
        CharsetDetector d = new CharsetDetector();
        for (int i = 0; i < bytes.length; i += chunk) {
            d.feed(bytes, i, Math.min(chunk, bytes.length - i));
        }
        return d.result(configured);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void readsUtf8WithoutBomWhenEveryByteIsValidEvenAcrossChunkBoundaries() {
        byte[] text = "姓名,手机\n张三,13800138000\n".getBytes(StandardCharsets.UTF_8);

        assertThat(detect(text, null, 1)).isEqualTo(new CharsetDetector.Detected(StandardCharsets.UTF_8, 0));
        assertThat(detect(text, null, 7)).isEqualTo(new CharsetDetector.Detected(StandardCharsets.UTF_8, 0));
    }

    @Test
    void honoursByteOrderMarks() {
        byte[] body = "姓名".getBytes(StandardCharsets.UTF_8);
        assertThat(detect(concat(TestSheets.UTF8_BOM, body), null, 4096).bomLength()).isEqualTo(3);
        assertThat(detect(new byte[] {(byte) 0xFF, (byte) 0xFE, 'a', 0}, null, 4096))
                .isEqualTo(new CharsetDetector.Detected(StandardCharsets.UTF_16LE, 2));
        assertThat(detect(new byte[] {(byte) 0xFE, (byte) 0xFF, 0, 'a'}, null, 4096))
                .isEqualTo(new CharsetDetector.Detected(StandardCharsets.UTF_16BE, 2));
        // The mark decides even against the configured set.
        assertThat(detect(concat(TestSheets.UTF8_BOM, body), Charset.forName("GBK"), 4096).charset()).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void takesTextThatIsNotUtf8ForGb18030() {
        byte[] gbk = "姓名,手机\n张三,13800138000\n".getBytes(Charset.forName("GBK"));

        assertThat(detect(gbk, null, 4096).charset()).isEqualTo(CharsetDetector.GB18030);
    }

    @Test
    void looksAtTheWholeFileNotOnlyItsAsciiBeginning() {
        byte[] ascii = "name,phone\n".repeat(20_000).getBytes(StandardCharsets.US_ASCII);
        byte[] gbk = "张三,13800138000\n".getBytes(Charset.forName("GBK"));

        assertThat(detect(concat(ascii, gbk), null, 64 * 1024).charset()).isEqualTo(CharsetDetector.GB18030);
    }

    @Test
    void rejectsOverlongsSurrogatesAndTruncatedSequences() {
        assertThat(detect(new byte[] {'a', (byte) 0xC0, (byte) 0x80}, null, 16).charset()).isEqualTo(CharsetDetector.GB18030);
        assertThat(detect(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, null, 16).charset()).isEqualTo(CharsetDetector.GB18030);
        assertThat(detect(new byte[] {'a', (byte) 0xE5, (byte) 0xA7}, null, 16).charset()).isEqualTo(CharsetDetector.GB18030);
    }

    @Test
    void usesTheConfiguredSetWhenThereIsNoMark() {
        byte[] text = "abc".getBytes(StandardCharsets.US_ASCII);

        assertThat(detect(text, Charset.forName("GBK"), 16).charset()).isEqualTo(Charset.forName("GBK"));
    }
}
