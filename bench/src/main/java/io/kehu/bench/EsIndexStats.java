package io.kehu.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.indices.stats.IndexStats;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where Elasticsearch spent its time on one index during a run, from the node's own counters (primaries): documents
 * written and the time spent indexing them, real-time gets, refreshes and merges. Read before the run's indices are
 * deleted; it tells which index an import is slow on without profiling the node.
 */
public record EsIndexStats(String index, long written, long deleted, long indexMs, long gets, long getMs,
                           long refreshes, long refreshMs, long mergeMs) {

    private static final Logger log = LoggerFactory.getLogger(EsIndexStats.class);

    /** Stats of every index matching {@code pattern}, biggest writers first; empty if the node would not say. */
    public static List<EsIndexStats> read(ElasticsearchClient es, String pattern) {
        try {
            List<EsIndexStats> out = new ArrayList<>();
            for (Map.Entry<String, co.elastic.clients.elasticsearch.indices.stats.IndicesStats> e
                    : es.indices().stats(s -> s.index(pattern)).indices().entrySet()) {
                IndexStats p = e.getValue().primaries();
                if (p == null || p.indexing() == null) {
                    continue;
                }
                out.add(new EsIndexStats(e.getKey(), p.indexing().indexTotal(), p.indexing().deleteTotal(),
                        p.indexing().indexTimeInMillis(), p.get() == null ? 0 : p.get().total(),
                        p.get() == null ? 0 : p.get().timeInMillis(), p.refresh() == null ? 0 : p.refresh().total(),
                        p.refresh() == null ? 0 : p.refresh().totalTimeInMillis(),
                        p.merges() == null ? 0 : p.merges().totalTimeInMillis()));
            }
            out.removeIf(s -> s.written() == 0 && s.gets() == 0);
            out.sort((a, b) -> Long.compare(b.written(), a.written()));
            return out;
        } catch (IOException | RuntimeException e) {
            log.warn("Could not read the index stats of {}: {}", pattern, e.toString());
            return List.of();
        }
    }

    /** One line, e.g. {@code profiles-v1  869,300 written in 27.4 s, 229,122 gets 1.2 s, 199 refreshes 21.9 s, merges 9.3 s}. */
    public String describe(String prefix) {
        String name = index.startsWith(prefix) ? index.substring(prefix.length()) : index;
        return String.format(Locale.ROOT, "%-16s %,10d written %6.1f s | %,10d gets %5.1f s | %,5d refreshes %5.1f s | merges %5.1f s",
                name, written, indexMs / 1000.0, gets, getMs / 1000.0, refreshes, refreshMs / 1000.0, mergeMs / 1000.0);
    }
}
