package io.kehu.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.get.GetResult;
import co.elastic.clients.elasticsearch.core.mget.MultiGetOperation;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import io.kehu.api.HubException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and writes single documents by id. Gets are real-time in Elasticsearch, so what a bulk
 * just wrote is visible here without a refresh: identity resolution depends on that.
 */
public final class Documents {

    private final ElasticsearchClient client;
    private final MultiGet multiGet;

    public Documents(ElasticsearchClient client) {
        this.client = client;
        this.multiGet = new MultiGet(RestCalls.of(client));
    }

    public ElasticsearchClient client() {
        return client;
    }

    /**
     * Fetches the documents that exist among {@code ids}; missing ids are absent from the map. Real-time, like
     * {@link #get}; identity resolution reads every identifier of every batch this way, see {@link MultiGet}.
     */
    public <T> Map<String, VersionedDoc<T>> mget(String index, Collection<String> ids, Class<T> type) {
        return multiGet.read(index, ids, type);
    }

    /**
     * {@link #mget} and, in the same request, which of {@code probeIds} exist in {@code probeIndex} (their
     * sources are not fetched): one round trip where a batch needs both.
     */
    public <T> MgetWithProbe<T> mget(String index, Collection<String> ids, Class<T> type,
                                     String probeIndex, Collection<String> probeIds) {
        Map<String, VersionedDoc<T>> found = new LinkedHashMap<>();
        Set<String> existing = new HashSet<>();
        if (ids.isEmpty() && probeIds.isEmpty()) {
            return new MgetWithProbe<>(found, existing);
        }
        List<MultiGetOperation> ops = new ArrayList<>(ids.size() + probeIds.size());
        ids.forEach(id -> ops.add(MultiGetOperation.of(o -> o.index(index).id(id))));
        probeIds.forEach(id -> ops.add(MultiGetOperation.of(o -> o.index(probeIndex).id(id).source(s -> s.fetch(false)))));
        MgetResponse<T> response = call(() -> client.mget(m -> m.docs(ops), type), index);
        List<MultiGetResponseItem<T>> items = response.docs();
        for (int i = 0; i < items.size(); i++) {
            MultiGetResponseItem<T> item = items.get(i);
            boolean probe = i >= ids.size();
            if (item.isFailure()) {
                String where = probe ? probeIndex : index;
                throw HubException.retryable("Could not read from " + where + ": " + item.failure().error().type(), null);
            }
            GetResult<T> r = item.result();
            if (probe && r.found()) {
                existing.add(r.id());
            } else if (!probe && r.found() && r.source() != null) {
                found.put(r.id(), new VersionedDoc<>(r.id(), r.source(), nz(r.seqNo()), nz(r.primaryTerm())));
            }
        }
        return new MgetWithProbe<>(found, existing);
    }

    /** What {@link #mget(String, Collection, Class, String, Collection)} found: documents, and probe ids that exist. */
    public record MgetWithProbe<T>(Map<String, VersionedDoc<T>> found, Set<String> existing) {
    }

    public <T> Optional<VersionedDoc<T>> get(String index, String id, Class<T> type) {
        GetResponse<T> r = call(() -> client.get(g -> g.index(index).id(id), type), index);
        if (!r.found() || r.source() == null) {
            return Optional.empty();
        }
        return Optional.of(new VersionedDoc<>(r.id(), r.source(), nz(r.seqNo()), nz(r.primaryTerm())));
    }

    /** Indexes a document; returns once Elasticsearch acknowledged it (durable in the translog). */
    public void put(String index, String id, Object document, boolean refresh) {
        call(() -> client.index(i -> i.index(index).id(id).document(document)
                .refresh(refresh ? Refresh.True : Refresh.False)), index);
    }

    public void delete(String index, String id) {
        try {
            client.delete(d -> d.index(index).id(id));
        } catch (ElasticsearchException e) {
            if (e.status() != 404) {
                throw HubException.retryable("Could not delete from " + index + ": " + e.error().type(), e);
            }
        } catch (IOException e) {
            throw HubException.retryable("Elasticsearch unavailable while deleting from " + index, e);
        }
    }

    /** Runs a client call, turning transport failures into the hub's retryable exception. */
    public static <R> R call(IoCall<R> call, String index) {
        try {
            return call.run();
        } catch (IOException e) {
            throw HubException.retryable("Elasticsearch unavailable while accessing " + index, e);
        } catch (ElasticsearchException e) {
            throw HubException.retryable("Elasticsearch refused a request on " + index + ": " + e.error().type(), e);
        }
    }

    /** A client call that may fail with an I/O error. */
    @FunctionalInterface
    public interface IoCall<R> {
        R run() throws IOException;
    }

    private static long nz(Long v) {
        return v == null ? -1 : v;
    }
}
