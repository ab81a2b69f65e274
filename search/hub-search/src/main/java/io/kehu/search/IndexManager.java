package io.kehu.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import io.kehu.api.HubException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the hub's indices from the JSON mapping resources when they do not exist yet. */
public final class IndexManager {

    private static final Logger log = LoggerFactory.getLogger(IndexManager.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ElasticsearchClient client;
    private final IndexNames names;

    public IndexManager(ElasticsearchClient client, IndexNames names) {
        this.client = client;
        this.names = names;
    }

    /** Creates every missing index with its alias; existing indices are left untouched. */
    public void ensureIndices() {
        for (String logical : IndexNames.ALL) {
            ensure(logical);
        }
    }

    private void ensure(String logical) {
        String alias = names.alias(logical);
        String physical = names.physical(logical);
        try {
            if (client.indices().exists(e -> e.index(alias)).value()) {
                addNewFields(logical, alias);
                return;
            }
            try (InputStream json = mapping(logical)) {
                client.indices().create(c -> c.index(physical).withJson(json).aliases(alias, a -> a.isWriteIndex(true)));
            }
            log.info("Created index {} with alias {}", physical, alias);
        } catch (ElasticsearchException e) {
            // Another hub node (or a parallel test) created it between our check and create.
            if (!"resource_already_exists_exception".equals(e.error().type())) {
                throw new HubException(HubException.Kind.CONFIGURATION,
                        "Could not create or update the mapping of index " + physical + ": " + e.error().reason(), e);
            }
        } catch (IOException e) {
            throw HubException.retryable("Elasticsearch unavailable while creating index " + physical, e);
        }
    }

    /**
     * Puts the resource's mapping on an existing index, so fields a newer hub added (a profile's
     * {@code lifecycle}) are accepted by the strict mappings. Adding fields is all a put-mapping may do;
     * a changed field type fails here, loudly, and needs a reindex behind the alias.
     */
    private void addNewFields(String logical, String alias) throws IOException {
        JsonNode mappings;
        try (InputStream json = mapping(logical)) {
            mappings = JSON.readTree(json).path("mappings");
        }
        // Only the fields: a mapping that indexes nothing ("enabled": false, the identifier claims) has
        // nothing to add, and the put-mapping request does not take that root setting.
        if (!mappings.has("properties")) {
            return;
        }
        String body = JSON.createObjectNode().set("properties", mappings.get("properties")).toString();
        client.indices().putMapping(p -> p.index(alias).withJson(new StringReader(body)));
    }

    private static InputStream mapping(String logical) {
        InputStream in = IndexManager.class.getResourceAsStream("indices/" + logical + ".json");
        if (in == null) {
            throw new HubException(HubException.Kind.BUG, "Missing mapping resource for index " + logical);
        }
        return in;
    }

    /** Makes recent writes visible to search; for tests and for explicit "refresh" requests only. */
    public void refresh() {
        try {
            client.indices().refresh(r -> r.index(names.prefix() + "*"));
        } catch (IOException e) {
            throw HubException.retryable("Elasticsearch unavailable during refresh", e);
        }
    }
}
