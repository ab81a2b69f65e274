package io.kehu.connector.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpAnswerTest {

    private static HttpAnswer answer(String body) {
        return new HttpAnswer("Vendor", 500, HttpHeaders.of(Map.of(), (a, b) -> true), body);
    }

    @Test
    void anErrorBodyIsReadWhenItIsJsonAndIgnoredWhenItIsNot() {
        assertThat(HttpAnswer.text(answer("{\"code\":\"INTERNAL_ERROR\",\"x\":null}").jsonOrNull(), "code")).isEqualTo("INTERNAL_ERROR");
        assertThat(answer("[{\"errorCode\":\"E\"}]").jsonOrNull().get(0).get("errorCode").asText()).isEqualTo("E");
        assertThat(answer("<html>502</html>").jsonOrNull()).isNull();
        assertThat(answer("").jsonOrNull()).isNull();
        assertThat(answer(null).jsonOrNull()).isNull();
    }

    @Test
    void textIsNullForMissingNodesFieldsAndJsonNull() {
        assertThat(HttpAnswer.text(null, "code")).isNull();
        assertThat(HttpAnswer.text(answer("{\"x\":null}").jsonOrNull(), "x")).isNull();
        assertThat(HttpAnswer.text(answer("{\"n\":7}").jsonOrNull(), "n")).isEqualTo("7");
    }
}
