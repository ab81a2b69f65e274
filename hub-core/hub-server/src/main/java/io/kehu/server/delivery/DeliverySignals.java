package io.kehu.server.delivery;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wakes the worker of a destination when something became due for it, so a queued lead goes out
 * at once instead of at the next poll. A signal for a destination that runs nowhere is dropped:
 * its worker looks at the outbox when it starts.
 */
public final class DeliverySignals {

    private final Map<String, Runnable> listeners = new ConcurrentHashMap<>();

    void listen(String destination, Runnable wake) {
        listeners.put(destination, wake);
    }

    void unlisten(String destination, Runnable wake) {
        listeners.remove(destination, wake);
    }

    void wake(String destination) {
        Runnable r = listeners.get(destination);
        if (r != null) {
            r.run();
        }
    }
}
