package io.kehu.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The baseline: the same CSV rows bulk-indexed straight into one index (1 shard, 0 replicas, fields like the hub's
 * profiles), 1000 rows per bulk request, every item of every response checked, with no normalization and no
 * identity resolution. What the hub adds on top is the difference between this and the end-to-end import.
 */
public final class BaselineIndexer {

    public static final String INDEX = "bench-baseline";
    static final int BATCH = 1000;

    private static final Logger log = LoggerFactory.getLogger(BaselineIndexer.class);
    private static final int MAX_ATTEMPTS = 5;

    /**
     * @param seconds wall time from opening the CSV to the last bulk acknowledged
     * @param cpu     CPU of the node and of this JVM (the loader: CSV parsing, JSON encoding, HTTP) in that time
     */
    public record Result(long rows, double seconds, long indexed, List<EsIndexStats> esStats, CpuTime cpu) {
        public double rowsPerSecond() {
            return rows / seconds;
        }
    }

    private final ElasticsearchClient client;
    private final ProcessHandle node;

    public BaselineIndexer(ElasticsearchClient client, ProcessHandle node) {
        this.client = client;
        this.node = node;
    }

    public Result run(Path csv) {
        try {
            recreateIndex();
            Loaded loaded = load(csv, node, (record, row, now) -> {
                Map<String, Object> doc = document(record, now);
                return List.of(BulkOperation.of(b -> b.index(i -> i.index(INDEX).document(doc))));
            }, this::send);
            client.indices().refresh(r -> r.index(INDEX));
            long indexed = client.count(c -> c.index(INDEX)).count();
            log.info("Baseline indexed {} rows in {} s", loaded.rows(), String.format("%.1f", loaded.seconds()));
            return new Result(loaded.rows(), loaded.seconds(), indexed, EsIndexStats.read(client, INDEX), loaded.cpu());
        } catch (IOException e) {
            throw new UncheckedIOException("Baseline indexing failed", e);
        }
    }

    /** The bulk operations a baseline writes for one CSV row ({@code row}: 2 for the first data row, as in a sheet). */
    interface RowOperations {
        List<BulkOperation> of(CSVRecord record, long row, Instant now);
    }

    /** Sends one bulk request and fails unless every item succeeded. */
    interface BulkSend {
        void send(List<BulkOperation> operations) throws IOException;
    }

    record Loaded(long rows, double seconds, CpuTime cpu) {
    }

    /**
     * Streams the CSV, {@link #BATCH} rows per bulk request, and meters the wall time and the CPU of the node and of
     * this JVM from opening the file to the last bulk acknowledged.
     */
    static Loaded load(Path csv, ProcessHandle node, RowOperations rowOperations, BulkSend bulk) throws IOException {
        CpuTime.Meter meter = CpuTime.start(node, ProcessHandle.current());
        long start = System.nanoTime();
        long rows = 0;
        Instant now = Instant.now();
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader)) {
            List<BulkOperation> batch = new ArrayList<>();
            for (CSVRecord record : parser) {
                rows++;
                batch.addAll(rowOperations.of(record, rows + 1, now));
                if (rows % BATCH == 0) {
                    bulk.send(batch);
                    batch = new ArrayList<>();
                }
            }
            if (!batch.isEmpty()) {
                bulk.send(batch);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Loaded(rows, seconds, meter.stop());
    }

    private void deleteIndex() throws IOException {
        client.indices().delete(d -> d.index(INDEX).ignoreUnavailable(true));
    }

    private void recreateIndex() throws IOException {
        deleteIndex();
        try (InputStream json = BaselineIndexer.class.getResourceAsStream("baseline-index.json")) {
            if (json == null) {
                throw new IllegalStateException("baseline-index.json is missing from the class path");
            }
            client.indices().create(c -> c.index(INDEX).withJson(json));
        }
    }

    private static Map<String, Object> document(CSVRecord r, Instant now) {
        Map<String, Object> doc = new LinkedHashMap<>();
        putIfPresent(doc, "name", r.get("姓名"));
        putList(doc, "phones", r.get("手机"));
        putList(doc, "emails", r.get("邮箱"));
        putIfPresent(doc, "company", r.get("公司"));
        putIfPresent(doc, "title", r.get("职位"));
        putList(doc, "sources", r.get("来源"));
        if (!r.get("标签").isBlank()) {
            doc.put("tags", Arrays.asList(r.get("标签").split("、")));
        }
        doc.put("createdAt", now.toString());
        return doc;
    }

    private static void putIfPresent(Map<String, Object> doc, String field, String value) {
        if (value != null && !value.isBlank()) {
            doc.put(field, value.strip());
        }
    }

    private static void putList(Map<String, Object> doc, String field, String value) {
        if (value != null && !value.isBlank()) {
            doc.put(field, List.of(value.strip()));
        }
    }

    /** Sends one bulk request; items the node pushed back on (429) are sent again, any other failed item is fatal. */
    private void send(List<BulkOperation> operations) throws IOException {
        List<BulkOperation> pending = operations;
        for (int attempt = 1; ; attempt++) {
            List<BulkOperation> toSend = pending;
            BulkResponse response = client.bulk(b -> b.operations(toSend));
            List<BulkOperation> retry = new ArrayList<>();
            List<BulkResponseItem> items = response.items();
            if (items.size() != toSend.size()) {
                throw new IllegalStateException("Bulk answered " + items.size() + " items for " + toSend.size() + " operations");
            }
            for (int i = 0; i < items.size(); i++) {
                BulkResponseItem item = items.get(i);
                if (item.error() == null) {
                    continue;
                }
                if (item.status() == 429 && attempt < MAX_ATTEMPTS) {
                    retry.add(toSend.get(i));
                } else {
                    throw new IllegalStateException("Baseline bulk item " + i + " failed with " + item.status() + ": "
                            + item.error().type() + " " + item.error().reason());
                }
            }
            if (retry.isEmpty()) {
                return;
            }
            log.warn("Elasticsearch pushed back on {} items, retry {} of {}", retry.size(), attempt, MAX_ATTEMPTS - 1);
            pause(200L * attempt);
            pending = retry;
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
