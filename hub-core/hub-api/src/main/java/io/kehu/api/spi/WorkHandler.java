package io.kehu.api.spi;

/** Processes one item of an instance's {@link WorkQueue}. Must be idempotent: an item can run again after a crash. */
@FunctionalInterface
public interface WorkHandler {

    /**
     * @throws io.kehu.api.HubException retryable to be tried again later; not retryable to go straight
     *                                  to the dead-letter store with its message
     */
    void process(String id, String type, String payload);
}
