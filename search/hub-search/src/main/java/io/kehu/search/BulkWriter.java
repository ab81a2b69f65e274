package io.kehu.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperationBase;
import co.elastic.clients.elasticsearch.core.bulk.CreateOperation;
import co.elastic.clients.elasticsearch.core.bulk.IndexOperation;
import co.elastic.clients.elasticsearch.core.bulk.UpdateAction;
import co.elastic.clients.elasticsearch.core.bulk.UpdateOperation;
import co.elastic.clients.elasticsearch.core.bulk.WriteOperation;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kehu.api.HubException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends bulk requests and reports the result of every item, never only the response's flag.
 *
 * <p>The body is written as newline-delimited JSON with one streaming generator, and the answer is filtered by
 * Elasticsearch to what the item checks need (status and error) and read with a streaming parser: on an import this
 * is the hub's busiest code, see {@link RestCalls}.
 */
public final class BulkWriter {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(BulkWriter.class);
    private static final SerializedString NEWLINE = new SerializedString("\n");
    private static final String FILTER = "items.*.status,items.*.error.type,items.*.error.reason";

    private final RestCalls rest;
    private final ObjectMapper mapper;

    public BulkWriter(ElasticsearchClient client) {
        this.rest = RestCalls.of(client);
        this.mapper = rest.mapper();
    }

    /**
     * Executes the operations in one request.
     *
     * @return one result per operation, in order, named by the index and id of the operation
     * @throws HubException retryable when Elasticsearch cannot be reached or refuses the request
     */
    public List<BulkItemResult> execute(List<BulkOperation> operations, boolean refresh) {
        if (operations.isEmpty()) {
            return List.of();
        }
        byte[] body = encode(operations);
        // "true", not "wait_for": the claims index has no scheduled refresh, so waiting for one would hang.
        byte[] answer = refresh
                ? rest.perform("POST", "/_bulk", body, "bulk write", "filter_path", FILTER, "refresh", "true")
                : rest.perform("POST", "/_bulk", body, "bulk write", "filter_path", FILTER);
        List<BulkItemResult> results = decode(answer, operations);
        if (results.size() != operations.size()) {
            throw new HubException(HubException.Kind.BUG,
                    "Bulk answered " + results.size() + " items for " + operations.size() + " operations");
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

    private byte[] encode(List<BulkOperation> operations) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(operations.size() * 512);
        try (JsonGenerator g = mapper.getFactory().createGenerator(out)) {
            // Each action and each document is a root value of its own: a newline between them is the bulk format.
            g.setRootValueSeparator(NEWLINE);
            for (BulkOperation op : operations) {
                switch (op._kind()) {
                    case Create -> {
                        CreateOperation<?> create = op.create();
                        writeAction(g, "create", create);
                        mapper.writeValue(g, create.document());
                    }
                    case Index -> {
                        IndexOperation<?> index = op.index();
                        writeAction(g, "index", index);
                        mapper.writeValue(g, index.document());
                    }
                    case Delete -> writeAction(g, "delete", op.delete());
                    case Update -> {
                        // Partial documents only: no scripts (the embedded node has no painless) and no upserts.
                        UpdateOperation<?, ?> update = op.update();
                        UpdateAction<?, ?> action = update.action();
                        if (action.doc() == null || action.script() != null || action.upsert() != null) {
                            throw new HubException(HubException.Kind.BUG, "Only partial-document updates are supported");
                        }
                        writeAction(g, "update", update);
                        g.writeStartObject();
                        g.writeFieldName("doc");
                        mapper.writeValue(g, action.doc());
                        g.writeEndObject();
                    }
                    default -> throw new HubException(HubException.Kind.BUG, "Unsupported bulk operation " + op._kind());
                }
            }
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new HubException(HubException.Kind.BUG, "Could not encode a bulk request", e);
        }
        return out.toByteArray();
    }

    /** The action line, e.g. {@code {"index":{"_index":"kehu-profiles","_id":"p-1","if_seq_no":4,"if_primary_term":1}}}. */
    private static void writeAction(JsonGenerator g, String action, BulkOperationBase op) throws IOException {
        if (op.version() != null || op.versionType() != null
                || op instanceof WriteOperation w && (w.pipeline() != null || !w.dynamicTemplates().isEmpty())) {
            throw new HubException(HubException.Kind.BUG, "Unsupported bulk option on a " + action + " of " + op.index());
        }
        g.writeStartObject();
        g.writeFieldName(action);
        g.writeStartObject();
        g.writeStringField("_index", op.index());
        if (op.id() != null) {
            g.writeStringField("_id", op.id());
        }
        if (op.routing() != null) {
            g.writeStringField("routing", op.routing());
        }
        if (op.ifSeqNo() != null) {
            g.writeNumberField("if_seq_no", op.ifSeqNo());
        }
        if (op.ifPrimaryTerm() != null) {
            g.writeNumberField("if_primary_term", op.ifPrimaryTerm());
        }
        if (op instanceof WriteOperation w && w.requireAlias() != null) {
            g.writeBooleanField("require_alias", w.requireAlias());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    /** Reads {@code {"items":[{"create":{"status":201}}, {"index":{"status":409,"error":{…}}}, …]}}. */
    private List<BulkItemResult> decode(byte[] answer, List<BulkOperation> operations) {
        List<BulkItemResult> results = new ArrayList<>(operations.size());
        try (JsonParser p = rest.parse(answer)) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                if (p.nextToken() != JsonToken.START_ARRAY || !"items".equals(field)) {
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    p.nextToken(); // the action's name
                    p.nextToken(); // its object
                    int status = 0;
                    String[] error = {null, null};
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        p.nextToken();
                        if ("status".equals(name)) {
                            status = p.getIntValue();
                        } else if ("error".equals(name)) {
                            error = RestCalls.readError(p);
                        } else {
                            p.skipChildren();
                        }
                    }
                    p.nextToken(); // end of the item
                    int i = results.size();
                    if (status == 0) {
                        // Never read an item without a status as a success.
                        throw new HubException(HubException.Kind.BUG, "Bulk answer item " + i + " has no status");
                    }
                    BulkOperationBase op = i < operations.size() ? base(operations.get(i)) : null;
                    results.add(new BulkItemResult(i, op == null ? null : op.index(), op == null ? null : op.id(),
                            status, error[0], error[1]));
                }
            }
        } catch (IOException e) {
            throw new HubException(HubException.Kind.BUG, "Unreadable bulk answer from Elasticsearch", e);
        }
        return results;
    }

    private static BulkOperationBase base(BulkOperation op) {
        return (BulkOperationBase) op._get();
    }
}
