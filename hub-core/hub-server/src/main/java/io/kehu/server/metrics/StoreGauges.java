package io.kehu.server.metrics;

import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import io.kehu.search.DeadLetterDoc;
import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.search.OutboxDoc;
import io.kehu.server.connectors.ConnectorRegistry;
import io.kehu.server.connectors.InstanceStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Gauges of what waits in the hub's stores and whether its connectors run, for alerting on a scrape:
 * {@code kehu_outbox_items{destination,status}}, {@code kehu_deadletters{connector,status}} and
 * {@code kehu_connector_up{connector,plugin,kind}}. Counting means asking Elasticsearch, so it is done on a
 * schedule ({@link #refresh()}) and a scrape only reads the last counts. Known statuses are reported as 0
 * when empty, so "FAILED dropped to 0" is a value, not a series that vanished.
 */
public final class StoreGauges {

    private static final int MAX_KEYS = 500;
    private static final List<String> OUTBOX_STATUSES = List.of(OutboxDoc.PENDING, OutboxDoc.DELIVERED, OutboxDoc.FAILED);
    private static final List<String> LETTER_STATUSES = List.of(DeadLetterDoc.NEW, DeadLetterDoc.FAILED, DeadLetterDoc.REPLAYED);

    private final Documents docs;
    private final IndexNames names;
    private final ConnectorRegistry registry;
    private final MultiGauge outbox;
    private final MultiGauge deadLetters;
    private final MultiGauge connectorsUp;

    public StoreGauges(Documents docs, IndexNames names, ConnectorRegistry registry, MeterRegistry meters) {
        this.docs = docs;
        this.names = names;
        this.registry = registry;
        this.outbox = MultiGauge.builder("kehu.outbox.items")
                .description("Leads in the delivery outbox per destination instance and status").register(meters);
        this.deadLetters = MultiGauge.builder("kehu.deadletters")
                .description("Dead letters per connector instance and status").register(meters);
        this.connectorsUp = MultiGauge.builder("kehu.connector.up")
                .description("1 while a connector instance runs, 0 while it is stopped or failed").register(meters);
    }

    /** Counts again; called on a schedule. */
    public void refresh() {
        List<InstanceStatus> instances = registry.list();
        connectorsUp.register(instances.stream().map(i -> MultiGauge.Row.of(Tags.of("connector", i.id(),
                "plugin", String.valueOf(i.pluginId()), "kind", String.valueOf(i.kind())),
                "RUNNING".equals(i.state()) ? 1 : 0)).toList(), true);

        Set<String> destinations = new TreeSet<>();
        instances.stream().filter(i -> "DESTINATION".equals(i.kind())).forEach(i -> destinations.add(i.id()));
        outbox.register(rows("destination", countBy(names.outbox(), "destination"), destinations, OUTBOX_STATUSES), true);
        Set<String> sources = new TreeSet<>();
        instances.stream().filter(i -> "SOURCE".equals(i.kind())).forEach(i -> sources.add(i.id()));
        deadLetters.register(rows("connector", countBy(names.deadLetters(), "connectorId"), sources, LETTER_STATUSES), true);
    }

    /** Documents per key and status, from one two-level terms aggregation. */
    private Map<String, Map<String, Long>> countBy(String index, String keyField) {
        var r = Documents.call(() -> docs.client().search(s -> s.index(index).size(0)
                .trackTotalHits(t -> t.enabled(false))
                .aggregations("keys", a -> a.terms(t -> t.field(keyField).size(MAX_KEYS))
                        .aggregations("statuses", sub -> sub.terms(t -> t.field("status").size(20)))), Void.class), index);
        Map<String, Map<String, Long>> out = new TreeMap<>();
        Aggregate keys = r.aggregations().get("keys");
        if (keys == null || !keys.isSterms()) {
            return out;
        }
        for (StringTermsBucket k : keys.sterms().buckets().array()) {
            Map<String, Long> byStatus = out.computeIfAbsent(k.key().stringValue(), x -> new TreeMap<>());
            Aggregate statuses = k.aggregations().get("statuses");
            if (statuses != null && statuses.isSterms()) {
                statuses.sterms().buckets().array().forEach(b -> byStatus.put(b.key().stringValue(), b.docCount()));
            }
        }
        return out;
    }

    private static List<MultiGauge.Row<?>> rows(String keyTag, Map<String, Map<String, Long>> counts, Set<String> known,
                                                List<String> statuses) {
        Set<String> keys = new TreeSet<>(known);
        keys.addAll(counts.keySet());
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (String key : keys) {
            Map<String, Long> byStatus = counts.getOrDefault(key, Map.of());
            Set<String> all = new TreeSet<>(statuses);
            all.addAll(byStatus.keySet());
            for (String status : all) {
                rows.add(MultiGauge.Row.of(Tags.of(keyTag, key, "status", status), byStatus.getOrDefault(status, 0L)));
            }
        }
        return rows;
    }
}
