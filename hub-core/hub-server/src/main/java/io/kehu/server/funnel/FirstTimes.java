package io.kehu.server.funnel;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregate;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregationSource;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.kehu.search.Documents;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The earliest time per key among the documents matching a filter (each profile's first entry into
 * a stage, say), in key order, paged with a composite aggregation: exact, and one page in memory.
 */
final class FirstTimes implements Iterator<FirstTimes.KeyTime> {

    record KeyTime(String key, Instant time) {
    }

    private final Documents docs;
    private final String index;
    private final Query filter;
    private final String keyField;
    private final String timeField;
    private final int pageSize;
    private final Deque<KeyTime> page = new ArrayDeque<>();
    private Map<String, FieldValue> afterKey;
    private boolean exhausted;

    FirstTimes(Documents docs, String index, Query filter, String keyField, String timeField, int pageSize) {
        this.docs = docs;
        this.index = index;
        this.filter = filter;
        this.keyField = keyField;
        this.timeField = timeField;
        this.pageSize = pageSize;
    }

    @Override
    public boolean hasNext() {
        if (page.isEmpty() && !exhausted) {
            fetch();
        }
        return !page.isEmpty();
    }

    @Override
    public KeyTime next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return page.poll();
    }

    private void fetch() {
        Map<String, FieldValue> after = afterKey;
        var r = Documents.call(() -> docs.client().search(s -> s.index(index).size(0).query(filter)
                .aggregations("keys", a -> a.composite(c -> {
                    c.size(pageSize).sources(List.of(Map.of("key",
                            CompositeAggregationSource.of(cs -> cs.terms(t -> t.field(keyField))))));
                    if (after != null) {
                        c.after(after);
                    }
                    return c;
                }).aggregations("first", sub -> sub.min(m -> m.field(timeField)))), Void.class), index);
        CompositeAggregate keys = r.aggregations().get("keys").composite();
        List<CompositeBucket> buckets = keys.buckets().array();
        for (CompositeBucket b : buckets) {
            double first = b.aggregations().get("first").min().value();
            page.add(new KeyTime(b.key().get("key").stringValue(), Instant.ofEpochMilli((long) first)));
        }
        afterKey = keys.afterKey();
        exhausted = buckets.size() < pageSize || afterKey == null || afterKey.isEmpty();
    }

    /** Merges two key-ordered streams, keeping the earlier time of a key found in both. */
    static Iterator<KeyTime> union(Iterator<KeyTime> a, Iterator<KeyTime> b) {
        return new Iterator<>() {
            private KeyTime headA = a.hasNext() ? a.next() : null;
            private KeyTime headB = b.hasNext() ? b.next() : null;

            @Override
            public boolean hasNext() {
                return headA != null || headB != null;
            }

            @Override
            public KeyTime next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int cmp = headA == null ? 1 : headB == null ? -1 : headA.key().compareTo(headB.key());
                KeyTime out;
                if (cmp < 0) {
                    out = headA;
                    headA = a.hasNext() ? a.next() : null;
                } else if (cmp > 0) {
                    out = headB;
                    headB = b.hasNext() ? b.next() : null;
                } else {
                    out = headA.time().isAfter(headB.time()) ? headB : headA;
                    headA = a.hasNext() ? a.next() : null;
                    headB = b.hasNext() ? b.next() : null;
                }
                return out;
            }
        };
    }
}
