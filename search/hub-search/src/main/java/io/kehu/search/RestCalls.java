package io.kehu.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kehu.api.HubException;
import java.io.IOException;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests on the hot path of an import (bulk writes, multi-gets) sent through the low-level REST client under
 * the typed client. The typed client builds an object tree per document and per answer item and runs it through its
 * generic JSON-P layer; on a 2-core machine that cost more of the hub's CPU than its own resolution work. Here
 * bodies are written and answers read with Jackson's streaming API, and documents go through the typed client's
 * own {@link ObjectMapper}, so what is stored and read back is the same JSON as before.
 */
final class RestCalls {

    private static final Logger log = LoggerFactory.getLogger(RestCalls.class);

    /** What the typed client sends: answers in the 8.x format from 8.x and 9.x clusters alike. */
    private static final String MEDIA_TYPE = "application/vnd.elasticsearch+json; compatible-with=8";
    private static final ContentType CONTENT_TYPE = ContentType.parse(MEDIA_TYPE);
    private static final RequestOptions OPTIONS = RequestOptions.DEFAULT.toBuilder().addHeader("Accept", MEDIA_TYPE).build();

    private final RestClient rest;
    private final ObjectMapper mapper;

    private RestCalls(RestClient rest, ObjectMapper mapper) {
        this.rest = rest;
        this.mapper = mapper;
    }

    /** The low-level client and the document mapper of a typed client built by {@link ElasticsearchClients}. */
    static RestCalls of(ElasticsearchClient client) {
        if (client._transport() instanceof RestClientTransport transport
                && client._jsonpMapper() instanceof JacksonJsonpMapper jackson) {
            return new RestCalls(transport.restClient(), jackson.objectMapper());
        }
        throw new HubException(HubException.Kind.BUG, "The Elasticsearch client is not built on the low-level REST client with Jackson");
    }

    /** Encodes and decodes documents exactly as the typed client does. */
    ObjectMapper mapper() {
        return mapper;
    }

    /**
     * Sends a request with a JSON (or newline-delimited JSON) body and returns the answer's body.
     *
     * @param what names the request in messages, e.g. "bulk write"
     * @throws HubException retryable when Elasticsearch cannot be reached or refuses the request as a whole
     */
    byte[] perform(String method, String path, byte[] body, String what, String... parameters) {
        Request request = new Request(method, path);
        for (int i = 0; i + 1 < parameters.length; i += 2) {
            request.addParameter(parameters[i], parameters[i + 1]);
        }
        request.setEntity(new ByteArrayEntity(body, CONTENT_TYPE));
        request.setOptions(OPTIONS);
        try {
            Response response = rest.performRequest(request);
            return EntityUtils.toByteArray(response.getEntity());
        } catch (ResponseException e) {
            // The answer's reason can quote what was sent (personal data): only its type leaves this method.
            String type = errorType(e.getResponse());
            log.debug("Elasticsearch refused a {}: {}", what, e.getMessage());
            throw HubException.retryable("Elasticsearch refused a " + what + " (HTTP "
                    + e.getResponse().getStatusLine().getStatusCode() + "): " + type, null);
        } catch (IOException e) {
            throw HubException.retryable("Elasticsearch unavailable during a " + what, e);
        }
    }

    /** A streaming parser over an answer, on its first token. */
    JsonParser parse(byte[] answer) throws IOException {
        JsonParser parser = mapper.getFactory().createParser(answer);
        parser.nextToken();
        return parser;
    }

    /** Reads {@code {"type": …, "reason": …}}, the parser on its start; returns {type, reason}, either may be null. */
    static String[] readError(JsonParser p) throws IOException {
        String[] typeAndReason = new String[2];
        if (p.currentToken() != JsonToken.START_OBJECT) {
            typeAndReason[0] = p.getValueAsString();
            return typeAndReason;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if ("type".equals(field)) {
                typeAndReason[0] = p.getValueAsString();
            } else if ("reason".equals(field)) {
                typeAndReason[1] = p.getValueAsString();
            } else {
                p.skipChildren();
            }
        }
        return typeAndReason;
    }

    private String errorType(Response response) {
        try {
            byte[] body = EntityUtils.toByteArray(response.getEntity());
            try (JsonParser p = parse(body)) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    p.nextToken();
                    if ("error".equals(field)) {
                        return readError(p)[0];
                    }
                    p.skipChildren();
                }
            }
        } catch (IOException | RuntimeException e) {
            log.debug("Unreadable error answer from Elasticsearch", e);
        }
        return "unknown error";
    }
}
