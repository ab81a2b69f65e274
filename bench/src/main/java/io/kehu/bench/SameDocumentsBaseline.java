package io.kehu.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.kehu.search.BulkWriter;
import io.kehu.search.IndexManager;
import io.kehu.search.IndexNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The second baseline: the same CSV rows bulk-indexed as the documents the hub writes for them
 * ({@link HubShapedDocuments}: per row a profile, an interaction and an identifier claim), into indices created
 * from the hub's own mappings and settings ({@link IndexManager}), through the hub's own bulk path
 * ({@link BulkWriter}), 1,000 rows per request, every item checked. No reads, no normalization, no identity
 * resolution, no merges. The hub against the one-document baseline is what the hub costs in all; against this
 * one, what resolving identities costs on top of writing its documents.
 */
public final class SameDocumentsBaseline {

    static final String PREFIX = "bench-docs-";
    private static final Logger log = LoggerFactory.getLogger(SameDocumentsBaseline.class);

    private final ElasticsearchClient client;
    private final ProcessHandle node;

    public SameDocumentsBaseline(ElasticsearchClient client, ProcessHandle node) {
        this.client = client;
        this.node = node;
    }

    public BaselineIndexer.Result run(Path csv) {
        IndexNames names = new IndexNames(PREFIX);
        new IndexManager(client, names).ensureIndices();
        BulkWriter writer = new BulkWriter(client);
        String fileName = csv.getFileName().toString();
        HubShapedDocuments documents = new HubShapedDocuments(names, "bench", fileName,
                Integer.toHexString(fileName.hashCode()) + "0".repeat(56));
        try {
            BaselineIndexer.Loaded loaded = BaselineIndexer.load(csv, node,
                    (record, row, now) -> documents.of(record, row, now.toString()),
                    ops -> writer.executeAll(ops, false, "same-documents baseline"));
            List<String> written = List.of(names.profiles(), names.interactions(), names.identifiers());
            client.indices().refresh(r -> r.index(written));
            long profiles = client.count(c -> c.index(names.profiles())).count();
            log.info("Same-documents baseline indexed {} rows in {} s", loaded.rows(), String.format("%.1f", loaded.seconds()));
            List<EsIndexStats> stats = new ArrayList<>();
            written.forEach(index -> stats.addAll(EsIndexStats.read(client, index)));
            return new BaselineIndexer.Result(loaded.rows(), loaded.seconds(), profiles, stats, loaded.cpu());
        } catch (IOException e) {
            throw new UncheckedIOException("Same-documents baseline indexing failed", e);
        }
    }
}
