package io.kehu.api.spi;

/**
 * Answers HTTP requests to {@code /hooks/{instanceId}/…}. Called on a request thread: answer
 * quickly (WeChat retries after 5 s) and hand slow work to {@link SourceContext#work()}.
 * Acknowledge a submission only once it is durable: ingested, or enqueued as work.
 */
@FunctionalInterface
public interface WebhookHandler {

    WebhookResponse handle(WebhookRequest request);
}
