package io.kehu.connector.webform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParsersTest {

    @Test
    void multipartToleratesBareLineFeedsAndReadsExtendedFileNames() {
        String body = "preamble\n--b\nContent-Disposition: form-data; name=\"formID\"\n\n2432\n"
                + "--b\nContent-Disposition: form-data; name=\"doc\"; filename=\"x.txt\"; filename*=UTF-8''%E6%8A%A5%E5%91%8A.txt\n"
                + "Content-Type: text/plain\n\nhello\n--b--\n";

        JsonNode root = FormBodyParser.parse("multipart/form-data; boundary=\"b\"", body.getBytes(StandardCharsets.UTF_8));

        assertThat(root.path("formID").asText()).isEqualTo("2432");
        assertThat(root.path("doc").path("filename").asText()).isEqualTo("报告.txt");
        assertThat(root.path("doc").path("size").asLong()).isEqualTo(5);
        assertThat(root.path("doc").path("contentType").asText()).isEqualTo("text/plain");
    }

    @Test
    void multipartKeepsBoundaryLookalikesInsideContentAndRepeatsNamesAsArrays() {
        String body = "--b\r\nContent-Disposition: form-data; name=\"tag\"\r\n\r\nx--b not a delimiter\r\n"
                + "--b\r\nContent-Disposition: form-data; name=\"tag\"\r\n\r\n\r\n"
                + "--b\r\nContent-Disposition: form-data; name=\"_charset_\"\r\n\r\nGBK\r\n--b--";

        JsonNode root = FormBodyParser.parse("multipart/form-data; boundary=b", body.getBytes(StandardCharsets.UTF_8));

        assertThat(root.path("tag").isArray()).isTrue();
        assertThat(root.path("tag").get(0).asText()).isEqualTo("x--b not a delimiter");
        assertThat(root.path("tag").get(1).asText()).isEmpty();
    }

    @Test
    void multipartUsesTheCharsetFieldForItsValues() {
        byte[] head = "--b\r\nContent-Disposition: form-data; name=\"_charset_\"\r\n\r\nGB18030\r\n--b\r\nContent-Disposition: form-data; name=\"n\"\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        byte[] value = "张三".getBytes(java.nio.charset.Charset.forName("GBK"));
        byte[] tail = "\r\n--b--\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[head.length + value.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(value, 0, body, head.length, value.length);
        System.arraycopy(tail, 0, body, head.length + value.length, tail.length);

        assertThat(FormBodyParser.parse("multipart/form-data; boundary=b", body).path("n").asText()).isEqualTo("张三");
    }

    @Test
    void multipartRefusesBodiesWithoutBoundaryOrFieldName() {
        assertThatThrownBy(() -> FormBodyParser.parse("multipart/form-data", "x".getBytes()))
                .isInstanceOf(BadBodyException.class).hasMessageContaining("no boundary");
        assertThatThrownBy(() -> FormBodyParser.parse("multipart/form-data; boundary=zz", "--b\r\n".getBytes()))
                .isInstanceOf(BadBodyException.class).hasMessageContaining("does not contain its boundary");
        assertThatThrownBy(() -> FormBodyParser.parse("multipart/form-data; boundary=b", "--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--".getBytes()))
                .isInstanceOf(BadBodyException.class).hasMessageContaining("no field name");
    }

    @Test
    void sniffsJsonWhenTheTypeIsMissingOrPlainText() {
        assertThat(FormBodyParser.parse(null, " {\"a\":1}".getBytes()).path("a").asInt()).isEqualTo(1);
        assertThat(FormBodyParser.parse("text/plain", "{\"a\":1}".getBytes()).path("a").asInt()).isEqualTo(1);
        assertThat(FormBodyParser.parse(null, "a=1&b=%ZZ".getBytes()).path("b").asText()).isEqualTo("%ZZ");
        assertThatThrownBy(() -> FormBodyParser.parse("application/json", "{\"a\":1} trailing".getBytes()))
                .isInstanceOf(BadBodyException.class);
        assertThatThrownBy(() -> FormBodyParser.parse("application/json", new byte[0]))
                .isInstanceOf(BadBodyException.class).hasMessage("The body is empty");
    }

    @Test
    void jsonPathsSelectByIndexKeyValueAndNestedKeys() {
        JsonNode root = FormJson.parse("{\"a\":{\"list\":[{\"field\":{\"ref\":\"x\"},\"v\":1},{\"field\":{\"ref\":\"y\"},\"v\":2}]}}", "t");

        assertThat(JsonPath.parse("a.list[1].v").select(root)).extracting(JsonNode::asInt).containsExactly(2);
        assertThat(JsonPath.parse("a.list[field.ref=y].v").select(root)).extracting(JsonNode::asInt).containsExactly(2);
        assertThat(JsonPath.parse("a.list[field.ref='x'].v").select(root)).extracting(JsonNode::asInt).containsExactly(1);
        assertThat(JsonPath.parse("a.list[*].v").select(root)).extracting(JsonNode::asInt).containsExactly(1, 2);
        assertThat(JsonPath.parse("a.list.v").select(root)).extracting(JsonNode::asInt).containsExactly(1, 2);
        assertThat(JsonPath.parse("a.missing.v").select(root)).isEmpty();
        assertThatThrownBy(() -> JsonPath.parse("a..b")).isInstanceOf(IllegalArgumentException.class);
        assertThat(JsonPath.parse("a['list'][0][v]").select(root)).extracting(JsonNode::asInt).containsExactly(1);
        assertThatThrownBy(() -> JsonPath.parse("a[]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonPath.parse("a.")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonPath.parse(".a")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void allowlistMatchesCidrBlocksOfBothFamilies() {
        SourceAllowlist list = SourceAllowlist.parse(List.of("198.51.100.0/24", "192.0.2.10", "2001:db8::/32"));

        assertThat(list.allows("198.51.100.200")).isTrue();
        assertThat(list.allows("::ffff:198.51.100.1")).isTrue();
        assertThat(list.allows("192.0.2.10")).isTrue();
        assertThat(list.allows("192.0.2.11")).isFalse();
        assertThat(list.allows("2001:db8:1::5")).isTrue();
        assertThat(list.allows("2001:db9::5")).isFalse();
        assertThat(list.allows("localhost")).isFalse();
        assertThat(list.allows(null)).isFalse();
        assertThat(SourceAllowlist.parse(List.of()).allows("anything")).isTrue();
    }

    @Test
    void labelRulesAndValueShapes() {
        assertThat(LabelRules.meaning("联系人姓名")).isEqualTo(LabelRules.Meaning.NAME);
        assertThat(LabelRules.meaning("Company Name")).isEqualTo(LabelRules.Meaning.COMPANY);
        assertThat(LabelRules.meaning("E-mail address")).isEqualTo(LabelRules.Meaning.EMAIL);
        assertThat(LabelRules.meaning("手机号码")).isEqualTo(LabelRules.Meaning.PHONE);
        assertThat(LabelRules.meaning("Tell us more")).isNull();
        assertThat(LabelRules.meaning("form_name")).isNull();
        assertThat(LabelRules.looksLikePhone("13000000000")).isTrue();
        assertThat(LabelRules.looksLikePhone("+86 130 0000 0000")).isTrue();
        assertThat(LabelRules.looksLikePhone("+1 (415) 555-0134")).isTrue();
        assertThat(LabelRules.looksLikePhone("100000")).isFalse();
        assertThat(LabelRules.looksLikePhone("20200828")).isFalse();
        assertThat(LabelRules.looksLikeEmail("a.b@example.cn")).isTrue();
        assertThat(LabelRules.looksLikeChineseName("张三")).isTrue();
        assertThat(LabelRules.looksLikeChineseName("欧阳娜娜")).isTrue();
        assertThat(LabelRules.looksLikeChineseName("北京")).isFalse();
        assertThat(LabelRules.looksLikeChineseName("男")).isFalse();
    }
}
