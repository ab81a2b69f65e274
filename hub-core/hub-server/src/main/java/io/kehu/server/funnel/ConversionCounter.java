package io.kehu.server.funnel;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.server.lifecycle.LifecycleModel;
import io.kehu.server.lifecycle.LifecycleModel.Stage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Conversion between two stages over a period, exactly (no approximate cardinality):
 * <ul>
 *   <li><b>entered</b>: profiles with a stage change into {@code from} in {@code [since, until)}; when
 *   {@code from} is the model's initial stage, also profiles created in the period (every profile
 *   starts there). A profile counts once, from its first entry in the period.</li>
 *   <li><b>converted</b>: those of them with a change into {@code to} at or after that first entry and
 *   before {@code until}. When {@code to} is a funnel stage, entering a funnel stage further down
 *   counts too, because the engine skips stages (a quote moves a lead straight to opportunity).</li>
 * </ul>
 * The cohort is read key-ordered page by page, and each page's conversions with one aggregation.
 */
final class ConversionCounter {

    /** Profiles per page of the cohort, and per conversion lookup. */
    static final int PAGE = 1000;

    private final Documents docs;
    private final IndexNames names;
    private final int page;

    ConversionCounter(Documents docs, IndexNames names, int page) {
        this.docs = docs;
        this.names = names;
        this.page = page;
    }

    FunnelService.Conversion count(LifecycleModel model, String from, String to, Period period) {
        Stage fromStage = stage(model, from, "from");
        Stage toStage = stage(model, to, "to");
        List<String> reached = reachedStages(model, toStage);
        Iterator<FirstTimes.KeyTime> cohort = new FirstTimes(docs, names.stageChanges(),
                Query.of(q -> q.bool(b -> b.filter(f -> f.term(t -> t.field("to").value(fromStage.id())))
                        .filter(inPeriod("at", period)))), "profileId", "at", page);
        if (fromStage.id().equals(model.transitions().initial())) {
            cohort = FirstTimes.union(cohort, new FirstTimes(docs, names.profiles(),
                    Query.of(q -> q.bool(b -> b.filter(inPeriod("createdAt", period)))), "id", "createdAt", page));
        }
        long entered = 0;
        long converted = 0;
        Map<String, Instant> chunk = new LinkedHashMap<>();
        while (cohort.hasNext()) {
            FirstTimes.KeyTime entry = cohort.next();
            chunk.put(entry.key(), entry.time());
            entered++;
            if (chunk.size() == page || !cohort.hasNext()) {
                converted += convertedAmong(chunk, reached, period.until());
                chunk.clear();
            }
        }
        Double rate = entered == 0 ? null : (double) converted / entered;
        return new FunnelService.Conversion(fromStage.id(), toStage.id(), period.since(), period.until(), entered, converted, rate);
    }

    /** How many of the profiles reached one of {@code reached} at or after their entry, before {@code until}. */
    private long convertedAmong(Map<String, Instant> entries, List<String> reached, Instant until) {
        List<FieldValue> ids = entries.keySet().stream().map(FieldValue::of).toList();
        List<FieldValue> targets = reached.stream().map(FieldValue::of).toList();
        String index = names.stageChanges();
        var r = Documents.call(() -> docs.client().search(s -> s.index(index).size(0)
                .query(q -> q.bool(b -> b.filter(f -> f.terms(t -> t.field("profileId").terms(v -> v.value(ids))))
                        .filter(f -> f.terms(t -> t.field("to").terms(v -> v.value(targets))))
                        .filter(f -> f.range(rg -> rg.date(d -> d.field("at").lt(until.toString()))))))
                // One shard answers exactly; the size covers every id asked for.
                .aggregations("byProfile", a -> a.terms(t -> t.field("profileId").size(ids.size()))
                        .aggregations("last", sub -> sub.max(m -> m.field("at")))), Void.class), index);
        long converted = 0;
        for (StringTermsBucket b : r.aggregations().get("byProfile").sterms().buckets().array()) {
            Instant entry = entries.get(b.key().stringValue());
            double last = b.aggregations().get("last").max().value();
            if (entry != null && (long) last >= entry.toEpochMilli()) {
                converted++;
            }
        }
        return converted;
    }

    private static List<String> reachedStages(LifecycleModel model, Stage to) {
        List<String> out = new ArrayList<>();
        for (Stage s : model.stages()) {
            boolean further = to.kind() == LifecycleModel.StageKind.FUNNEL && s.kind() == LifecycleModel.StageKind.FUNNEL
                    && s.order() >= to.order();
            if (s.id().equals(to.id()) || further) {
                out.add(s.id());
            }
        }
        return out;
    }

    private static Stage stage(LifecycleModel model, String id, String param) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("'" + param + "' is required: a stage id of the lifecycle model");
        }
        return model.stage(id).orElseThrow(() -> new IllegalArgumentException(
                "'" + param + "' is not a stage of the lifecycle model: " + id));
    }

    static Query inPeriod(String field, Period p) {
        return Query.of(q -> q.range(r -> r.date(d -> d.field(field)
                .gte(p.since().toString()).lt(p.until().toString()))));
    }
}
