package io.kehu.search;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One alert, stored under its cause key ({@code at-risk:<profile>:<entered>},
 * {@code conversion:<from>><to>:<window>:<window start day>}) before anything is sent, so a cause
 * raised twice, by a replay, a second sweep or a second hub node, is sent once.
 *
 * @param status     {@link #PENDING} while a delivery is outstanding, then {@link #SENT} or {@link #FAILED}
 * @param details    the numbers behind the alert, for webhooks and the API
 * @param deliveries one per configured target
 */
public record AlertDoc(
        String id,
        String kind,
        String status,
        String profileId,
        String titleZh,
        String titleEn,
        String textZh,
        String textEn,
        Map<String, Object> details,
        List<Delivery> deliveries,
        Instant createdAt,
        Instant updatedAt) {

    public static final String PENDING = "pending";
    public static final String SENT = "sent";
    public static final String FAILED = "failed";

    public AlertDoc {
        details = details == null ? Map.of() : Map.copyOf(details);
        deliveries = deliveries == null ? List.of() : List.copyOf(deliveries);
    }

    /**
     * The state of sending to one target.
     *
     * @param target    the target's configured name (never its URL, key or secret)
     * @param lastError a short classification (vendor code, HTTP status, exception type), never a secret
     */
    public record Delivery(String target, String type, String status, int attempts, String lastError,
                           Instant nextAttemptAt, Instant sentAt) {

        public boolean pending() {
            return PENDING.equals(status);
        }
    }

    public AlertDoc withDeliveries(List<Delivery> next, Instant now) {
        String overall = next.stream().anyMatch(Delivery::pending) ? PENDING
                : next.stream().allMatch(d -> SENT.equals(d.status())) ? SENT : FAILED;
        return new AlertDoc(id, kind, overall, profileId, titleZh, titleEn, textZh, textEn, details, next,
                createdAt, now);
    }
}
