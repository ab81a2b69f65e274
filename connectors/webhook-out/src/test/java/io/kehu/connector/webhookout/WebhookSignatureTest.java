package io.kehu.connector.webhookout;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    @Test
    void signsTheTimestampDotBodyLikeTheReadmeSnippetVerifies() {
        // printf '%s' '1700000000.{"a":1}' | openssl dgst -sha256 -hmac 'whsec_test'
        assertThat(WebhookSignature.header("whsec_test", 1700000000L, "{\"a\":1}"))
                .isEqualTo("t=1700000000,v1=38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789");
    }

    @Test
    void anotherBodyOrTimeGivesAnotherSignature() {
        String base = WebhookSignature.header("whsec_test", 1700000000L, "{\"a\":1}");
        assertThat(WebhookSignature.header("whsec_test", 1700000000L, "{\"a\":2}")).isNotEqualTo(base);
        assertThat(WebhookSignature.header("whsec_test", 1700000001L, "{\"a\":1}").substring(13)).isNotEqualTo(base.substring(13));
    }
}
