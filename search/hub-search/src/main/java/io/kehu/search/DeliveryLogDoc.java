package io.kehu.search;

import java.time.Instant;
import java.util.Map;

/**
 * One delivery attempt of one lead to one destination: what was sent, when, and the answer.
 *
 * @param attempt       the attempt's number since the payload was queued
 * @param outcome       {@code CREATED}, {@code UPDATED} or {@code FAILED}
 * @param retryable     for failures: whether the hub tries again
 * @param status        the outbox status after this attempt
 * @param nextAttemptAt when the hub tries again, for retried failures
 * @param fields        the fields sent
 * @param owner         the owner sent
 */
public record DeliveryLogDoc(
        String destination,
        String profileId,
        String ruleId,
        Instant at,
        int attempt,
        String outcome,
        boolean retryable,
        String status,
        String remoteId,
        String code,
        String message,
        Instant nextAttemptAt,
        Map<String, Object> fields,
        String owner) {
}
