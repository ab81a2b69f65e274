package io.kehu.server.retention;

import java.time.Duration;
import java.util.List;

/**
 * Which documents of one index the retention sweep deletes: those whose {@code timeField} is older than
 * {@code keep} and, when {@code statuses} is not empty, whose {@code status} is one of them.
 *
 * @param name  what the answer and the log call it ({@code work}, {@code deliveries} …)
 * @param index the index or alias
 * @param keep  zero or negative keeps every document
 */
public record RetentionRule(String name, String index, String timeField, List<String> statuses, Duration keep) {

    public RetentionRule {
        statuses = statuses == null ? List.of() : List.copyOf(statuses);
    }

    public boolean enabled() {
        return keep != null && !keep.isZero() && !keep.isNegative();
    }
}
