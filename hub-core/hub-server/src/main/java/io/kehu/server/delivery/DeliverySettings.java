package io.kehu.server.delivery;

import java.time.Duration;

/**
 * How delivery workers behave, besides retries.
 *
 * @param pollInterval longest time a worker sleeps without looking at the outbox (it is woken on enqueue)
 * @param stopTimeout  how long stopping waits for a call in flight before interrupting it
 */
public record DeliverySettings(Duration pollInterval, Duration stopTimeout) {
}
