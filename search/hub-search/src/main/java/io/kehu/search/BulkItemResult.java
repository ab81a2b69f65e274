package io.kehu.search;

/**
 * The result of one item of a bulk request.
 *
 * @param position  the item's position in the request
 * @param status    HTTP status of the item
 * @param errorType Elasticsearch's error type, null on success
 * @param reason    Elasticsearch's reason, null on success
 */
public record BulkItemResult(int position, String index, String id, int status, String errorType, String reason) {

    public boolean ok() {
        return errorType == null && status < 300;
    }

    /** Create of an existing id, or a stale {@code if_seq_no}: someone wrote first. */
    public boolean conflict() {
        return status == 409;
    }

    /** Elasticsearch pushed back (queue full, circuit breaker): the item can be retried. */
    public boolean retryable() {
        return status == 429 || status >= 500;
    }
}
