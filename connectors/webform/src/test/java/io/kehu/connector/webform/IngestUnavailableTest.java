package io.kehu.connector.webform;

import static io.kehu.connector.webform.Forms.TOKEN;
import static io.kehu.connector.webform.Forms.config;
import static io.kehu.connector.webform.Forms.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.kehu.api.spi.WebhookResponse;
import org.junit.jupiter.api.Test;

class IngestUnavailableTest {

    @Test
    void answers503AndAcknowledgesNothingWhileTheStoreIsDown() {
        Forms.Instance form = Forms.start("jsj", config("preset", "jinshuju", "secret", TOKEN));
        form.ctx().storeDown();

        WebhookResponse r = form.post(post().token().json(Forms.resource("jinshuju-push.json")).build());

        assertThat(r.status()).isEqualTo(503);
        assertThat(r.contentType()).isEqualTo("application/problem+json");
        assertThat(r.headers()).containsEntry("Retry-After", "30");
        assertThat(new String(r.body())).doesNotContain("accepted");
        assertThat(form.ctx().batches).isEmpty();
        // The vendor still holds the submission and retries; nothing is dead-lettered.
        assertThat(form.ctx().deadLetters).isEmpty();
        assertThat(form.ctx().counter("forms.accepted")).isZero();
        assertThat(form.ctx().counter("forms.unavailable")).isEqualTo(1);

        form.ctx().ingestFailure = b -> null;
        WebhookResponse retry = form.post(post().token().json(Forms.resource("jinshuju-push.json")).build());

        assertThat(retry.status()).isEqualTo(200);
        assertThat(form.ctx().records()).hasSize(1);
    }

    @Test
    void answersOnlyAfterTheIngestReturned() {
        Forms.Instance form = Forms.start("jsj", config("preset", "jinshuju", "secret", TOKEN));
        boolean[] ingested = {false};
        form.ctx().ingestFailure = b -> {
            ingested[0] = true;
            return null;
        };

        WebhookResponse r = form.post(post().token().json(Forms.resource("jinshuju-push.json")).build());

        assertThat(ingested[0]).isTrue();
        assertThat(r.status()).isEqualTo(200);
    }
}
