package io.kehu.api.spi;

import java.util.Map;

/**
 * Something a connector could not process (a malformed form post, a mail that cannot be parsed),
 * kept whole so it can be inspected, fixed and replayed.
 *
 * @param key         the item's idempotency key when it has one (Message-ID, delivery id), else null
 * @param type        what it is, e.g. {@code webhook}, {@code mail}, {@code work}
 * @param reason      why it failed, fit to show a user; no secrets
 * @param contentType the payload's media type
 * @param payload     the raw item
 * @param metadata    anything needed to replay it (headers, folder, work type)
 */
public record DeadLetter(String key, String type, String reason, String contentType, byte[] payload, Map<String, String> metadata) {

    public DeadLetter {
        payload = payload == null ? new byte[0] : payload;
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
