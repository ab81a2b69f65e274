package io.kehu.api.spi;

/**
 * A durable, per-instance queue of work items, processed in the background by the instance's
 * {@link WorkHandler} with retries, backoff and jitter; an item that keeps failing goes to the
 * dead-letter store. Items survive restarts. The item id doubles as a deduplication key: a vendor
 * that retries a callback (WeChat's MsgId, 简道云's X-JDY-DeliverId) is enqueued once.
 */
public interface WorkQueue {

    /**
     * Stores an item; returns once it is durable.
     *
     * @param id      deduplication key, unique per instance
     * @param type    what kind of work, for the handler and for inspection (e.g. {@code change_external_contact})
     * @param payload the item, as text (JSON, XML …); may hold personal data, so it is never logged
     * @return false when an item with this id was enqueued before (a duplicate), true otherwise
     */
    boolean enqueue(String id, String type, String payload);
}
