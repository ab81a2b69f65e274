package io.kehu.search;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.kehu.api.HubException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Real-time multi-gets by id through the low-level client (see {@link RestCalls}): the answer is filtered by
 * Elasticsearch to what is read (id, version, source, error type) and read with a streaming parser, each source
 * decoded straight into its record.
 */
final class MultiGet {

    private static final String FILTER = "docs._id,docs._seq_no,docs._primary_term,docs.found,docs._source,docs.error.type";

    private final RestCalls rest;

    MultiGet(RestCalls rest) {
        this.rest = rest;
    }

    /** The documents that exist among {@code ids}, in the answer's order. */
    <T> Map<String, VersionedDoc<T>> read(String index, Collection<String> ids, Class<T> type) {
        Map<String, VersionedDoc<T>> found = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        byte[] answer = rest.perform("POST", "/" + index + "/_mget", idsBody(ids), "multi-get on " + index,
                "filter_path", FILTER);
        try (JsonParser p = rest.parse(answer)) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                if (p.nextToken() != JsonToken.START_ARRAY || !"docs".equals(field)) {
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    VersionedDoc<T> doc = readDoc(p, index, type);
                    if (doc != null) {
                        found.put(doc.id(), doc);
                    }
                }
            }
        } catch (IOException e) {
            throw new HubException(HubException.Kind.BUG, "Unreadable multi-get answer from " + index, e);
        }
        return found;
    }

    private byte[] idsBody(Collection<String> ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(ids.size() * 40 + 16);
        try (JsonGenerator g = rest.mapper().getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("ids");
            for (String id : ids) {
                g.writeString(id);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new HubException(HubException.Kind.BUG, "Could not encode a multi-get request", e);
        }
        return out.toByteArray();
    }

    /** One entry of {@code docs}, the parser on its start; null when the document does not exist. */
    private <T> VersionedDoc<T> readDoc(JsonParser p, String index, Class<T> type) throws IOException {
        String id = null;
        T source = null;
        long seqNo = -1;
        long primaryTerm = -1;
        boolean exists = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "_id" -> id = p.getText();
                case "_seq_no" -> seqNo = p.getLongValue();
                case "_primary_term" -> primaryTerm = p.getLongValue();
                case "found" -> exists = p.getBooleanValue();
                case "_source" -> source = rest.mapper().readValue(p, type);
                case "error" -> throw HubException.retryable(
                        "Could not read from " + index + ": " + RestCalls.readError(p)[0], null);
                default -> p.skipChildren();
            }
        }
        return exists && source != null ? new VersionedDoc<>(id, source, seqNo, primaryTerm) : null;
    }
}
