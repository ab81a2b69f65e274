package io.kehu.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import io.kehu.api.HubException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Sends bulk requests and reports the result of every item, never only the response's flag. */
public final class BulkWriter {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(BulkWriter.class);

    private final ElasticsearchClient client;

    public BulkWriter(ElasticsearchClient client) {
        this.client = client;
    }

    /**
     * Executes the operations in one request.
     *
     * @return one result per operation, in order
     * @throws HubException retryable when Elasticsearch cannot be reached or refuses the request
     */
    public List<BulkItemResult> execute(List<BulkOperation> operations, boolean refresh) {
        if (operations.isEmpty()) {
            return List.of();
        }
        BulkResponse response;
        try {
            response = client.bulk(b -> b.operations(operations).refresh(refresh ? Refresh.WaitFor : Refresh.False));
        } catch (IOException e) {
            throw HubException.retryable("Elasticsearch unavailable during a bulk write", e);
        } catch (ElasticsearchException e) {
            throw HubException.retryable("Elasticsearch refused a bulk write: " + e.error().type(), e);
        }
        List<BulkResponseItem> items = response.items();
        if (items.size() != operations.size()) {
            throw new HubException(HubException.Kind.BUG,
                    "Bulk answered " + items.size() + " items for " + operations.size() + " operations");
        }
        List<BulkItemResult> results = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            BulkResponseItem item = items.get(i);
            String type = item.error() == null ? null : item.error().type();
            String reason = item.error() == null ? null : item.error().reason();
            results.add(new BulkItemResult(i, item.index(), item.id(), item.status(), type, reason));
        }
        return results;
    }

    /** Executes and fails unless every item succeeded; for writes where any failure is a fault. */
    public void executeAll(List<BulkOperation> operations, boolean refresh, String what) {
        List<BulkItemResult> failed = execute(operations, refresh).stream().filter(r -> !r.ok()).toList();
        if (!failed.isEmpty()) {
            BulkItemResult first = failed.get(0);
            boolean retryable = failed.stream().allMatch(r -> r.retryable() || r.conflict());
            // Elasticsearch's reason can quote field values (personal data): it goes to DEBUG only.
            log.debug("First failed {} write: {}", what, first.reason());
            String message = failed.size() + " of " + operations.size() + " " + what + " writes failed, first: "
                    + first.errorType();
            throw new HubException(retryable ? HubException.Kind.REMOTE_RETRYABLE : HubException.Kind.BUG, message);
        }
    }
}
