package io.kehu.connector.wechat;

import io.kehu.api.spi.SourceTask;
import io.kehu.api.spi.WebhookHandler;
import io.kehu.api.spi.WorkHandler;

/** A running WeCom or Official Account instance: its callback endpoint, its work processor and what stops it. */
final class WeChatTask implements SourceTask {

    private final WebhookHandler webhook;
    private final WorkHandler work;
    private final Runnable onClose;

    WeChatTask(WebhookHandler webhook, WorkHandler work, Runnable onClose) {
        this.webhook = webhook;
        this.work = work;
        this.onClose = onClose;
    }

    @Override
    public WebhookHandler webhook() {
        return webhook;
    }

    @Override
    public WorkHandler workHandler() {
        return work;
    }

    @Override
    public void close() {
        onClose.run();
    }
}
