package io.kehu.connector.webform;

import io.kehu.api.spi.DeadLetter;
import io.kehu.api.spi.SourceTask;
import io.kehu.api.spi.WebhookHandler;
import io.kehu.api.spi.WebhookResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running form instance. It runs nothing of its own: the hub calls its handler for each
 * request to {@code /hooks/{instanceId}/…}, and {@link #replay} for a dead letter.
 */
final class WebFormTask implements SourceTask {

    private static final Logger log = LoggerFactory.getLogger(WebFormTask.class);

    private final String instanceId;
    private final WebFormHandler handler;
    private volatile boolean closed;

    WebFormTask(String instanceId, WebFormHandler handler) {
        this.instanceId = instanceId;
        this.handler = handler;
    }

    @Override
    public WebhookHandler webhook() {
        return request -> closed
                ? WebhookResponse.problem(503, "Service unavailable", "This form instance is stopping")
                : handler.handle(request);
    }

    /** Parses the stored raw body again with the current mapping and ingests it; throws when it fails again. */
    @Override
    public void replay(DeadLetter letter) {
        handler.replay(letter);
    }

    @Override
    public void close() {
        closed = true;
        log.info("Form endpoint /hooks/{} stopped", instanceId);
    }
}
