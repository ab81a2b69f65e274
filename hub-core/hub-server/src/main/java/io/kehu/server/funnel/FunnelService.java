package io.kehu.server.funnel;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.ArrayPercentilesItem;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.mapping.FieldType;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.search.SearchPage;
import io.kehu.server.lifecycle.LifecycleConfig;
import io.kehu.server.lifecycle.LifecycleModel.Stage;
import io.kehu.server.lifecycle.LifecycleRules;
import io.kehu.server.lifecycle.ScoringRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The funnel answers over the stored lifecycle state: profiles per stage and tier, conversion between
 * stages, time spent in each stage and the at-risk list. Stage names and order come from the rules
 * in force.
 */
public final class FunnelService {

    /** Stage ids found in the data beyond the model's (stages removed by a rules change) are listed too. */
    private static final int MAX_BUCKETS = 200;
    /** Deep pages cost the cluster; the at-risk list is for people, who read the first pages. */
    private static final int MAX_WINDOW = 10_000;

    public record StageCount(String id, String nameZh, String nameEn, String kind, long count) {
    }

    public record TierCount(String id, long count) {
    }

    /** {@code unscored}: profiles with no stored lifecycle yet. */
    public record StageCounts(long total, long unscored, int rulesVersion, List<StageCount> stages,
                              List<TierCount> tiers) {
    }

    /** Conversion as {@link ConversionCounter} defines it; {@code rate} is null when nobody entered. */
    public record Conversion(String from, String to, Instant since, Instant until, long entered, long converted,
                             Double rate) {
    }

    /** Percentiles are Elasticsearch's t-digest: exact for small counts, close for large ones. */
    public record StageTime(String id, String nameZh, String nameEn, long changes, Double medianSeconds,
                            Double p90Seconds) {
    }

    public record TimeInStage(Instant since, Instant until, List<StageTime> stages) {
    }

    public record AtRiskProfile(String id, String name, String company, String owner, String stage,
                                Instant stageSince, Integer combined, String tier, Integer purchases,
                                Instant lastInteractionAt) {
    }

    private final Documents docs;
    private final IndexNames names;
    private final LifecycleRules rules;
    private final ConversionCounter conversions;

    public FunnelService(Documents docs, IndexNames names, LifecycleRules rules) {
        this(docs, names, rules, ConversionCounter.PAGE);
    }

    /** {@code cohortPage}: profiles per page of a conversion's cohort, which bounds its memory. */
    FunnelService(Documents docs, IndexNames names, LifecycleRules rules, int cohortPage) {
        this.docs = docs;
        this.names = names;
        this.rules = rules;
        this.conversions = new ConversionCounter(docs, names, cohortPage);
    }

    public StageCounts stages() {
        LifecycleConfig config = rules.current().config();
        String index = names.profiles();
        var r = Documents.call(() -> docs.client().search(s -> s.index(index).size(0)
                .trackTotalHits(t -> t.enabled(true))
                .aggregations("stages", a -> a.terms(t -> t.field("lifecycle.stage").size(MAX_BUCKETS)))
                .aggregations("tiers", a -> a.terms(t -> t.field("lifecycle.tier").size(MAX_BUCKETS)))
                .aggregations("unscored", a -> a.missing(m -> m.field("lifecycle.stage"))), Void.class), index);
        Map<String, Long> byStage = counts(r.aggregations().get("stages").sterms().buckets().array());
        Map<String, Long> byTier = counts(r.aggregations().get("tiers").sterms().buckets().array());
        List<StageCount> stages = new ArrayList<>();
        for (Stage s : config.lifecycle().stages()) {
            stages.add(new StageCount(s.id(), s.nameZh(), s.nameEn(), kind(s), nz(byStage.remove(s.id()))));
        }
        byStage.forEach((id, n) -> stages.add(new StageCount(id, id, id, null, n)));
        List<TierCount> tiers = new ArrayList<>();
        for (ScoringRules.Tier t : config.scoring().tiers()) {
            tiers.add(new TierCount(t.id(), nz(byTier.remove(t.id()))));
        }
        byTier.forEach((id, n) -> tiers.add(new TierCount(id, n)));
        long total = r.hits().total() == null ? 0 : r.hits().total().value();
        long unscored = r.aggregations().get("unscored").missing().docCount();
        return new StageCounts(total, unscored, config.version(), stages, tiers);
    }

    public Conversion conversion(String from, String to, Period period) {
        return conversions.count(rules.current().config().lifecycle(), from, to, period);
    }

    /** Seconds spent in each stage, from the changes out of it in the period ({@code secondsInFrom}). */
    public TimeInStage timeInStage(Period period) {
        String index = names.stageChanges();
        var r = Documents.call(() -> docs.client().search(s -> s.index(index).size(0)
                .query(q -> q.bool(b -> b.filter(ConversionCounter.inPeriod("at", period))
                        .filter(f -> f.exists(e -> e.field("secondsInFrom")))))
                .aggregations("from", a -> a.terms(t -> t.field("from").size(MAX_BUCKETS))
                        .aggregations("seconds", sub -> sub.percentiles(p -> p.field("secondsInFrom")
                                .percents(50.0, 90.0).keyed(false)))), Void.class), index);
        Map<String, StageTime> found = new LinkedHashMap<>();
        for (StringTermsBucket b : r.aggregations().get("from").sterms().buckets().array()) {
            List<ArrayPercentilesItem> p = b.aggregations().get("seconds").tdigestPercentiles().values().array();
            String id = b.key().stringValue();
            found.put(id, new StageTime(id, id, id, b.docCount(), value(p, 50.0), value(p, 90.0)));
        }
        List<StageTime> out = new ArrayList<>();
        for (Stage s : rules.current().config().lifecycle().stages()) {
            StageTime t = found.remove(s.id());
            out.add(new StageTime(s.id(), s.nameZh(), s.nameEn(), t == null ? 0 : t.changes(),
                    t == null ? null : t.medianSeconds(), t == null ? null : t.p90Seconds()));
        }
        out.addAll(found.values());
        return new TimeInStage(period.since(), period.until(), out);
    }

    /** Profiles in the at-risk stage, most valuable first: combined score, then purchases. Pages from 1. */
    /** @param owner only this owner's profiles (a salesperson limited to their own); null for all */
    public SearchPage<AtRiskProfile> atRisk(int page, int size, String owner) {
        if (page < 1 || size < 1 || size > 100) {
            throw new IllegalArgumentException("'page' starts at 1 and 'size' is between 1 and 100");
        }
        if ((long) page * size > MAX_WINDOW) {
            throw new IllegalArgumentException("Only the first " + MAX_WINDOW + " at-risk profiles can be paged");
        }
        String atRisk = rules.current().config().lifecycle().transitions().atRisk();
        String index = names.profiles();
        var r = Documents.call(() -> docs.client().search(s -> s.index(index)
                .query(q -> q.bool(b -> {
                    b.filter(f -> f.term(t -> t.field("lifecycle.stage").value(FieldValue.of(atRisk))));
                    return owner == null ? b : b.filter(f -> f.term(t -> t.field("owner").value(owner)));
                }))
                .from((page - 1) * size).size(size)
                .trackTotalHits(t -> t.enabled(true))
                .source(src -> src.filter(f -> f.excludes("lifecycle.reasons", "lifecycle.signals")))
                .sort(o -> o.field(f -> f.field("lifecycle.combined").order(SortOrder.Desc)
                        .unmappedType(FieldType.Integer)))
                .sort(o -> o.field(f -> f.field("lifecycle.purchases").order(SortOrder.Desc)
                        .unmappedType(FieldType.Integer)))
                .sort(o -> o.field(f -> f.field("id").order(SortOrder.Asc))), JsonNode.class), index);
        List<AtRiskProfile> items = r.hits().hits().stream().map(Hit::source).map(FunnelService::atRiskProfile).toList();
        long total = r.hits().total() == null ? items.size() : r.hits().total().value();
        return new SearchPage<>(total, items);
    }

    private static AtRiskProfile atRiskProfile(JsonNode p) {
        JsonNode lc = p.path("lifecycle");
        return new AtRiskProfile(text(p, "id"), text(p, "name"), text(p, "company"), text(p, "owner"),
                text(lc, "stage"), instant(lc, "stageSince"), integer(lc, "combined"), text(lc, "tier"),
                integer(lc, "purchases"), instant(p, "lastInteractionAt"));
    }

    private static Map<String, Long> counts(List<StringTermsBucket> buckets) {
        Map<String, Long> out = new LinkedHashMap<>();
        buckets.forEach(b -> out.put(b.key().stringValue(), b.docCount()));
        return out;
    }

    private static Double value(List<ArrayPercentilesItem> items, double percent) {
        return items.stream().filter(i -> i.key() == percent).findFirst().map(ArrayPercentilesItem::value)
                .orElse(null);
    }

    private static String kind(Stage s) {
        return s.kind() == null ? null : s.kind().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static long nz(Long n) {
        return n == null ? 0 : n;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isValueNode() && !v.isNull() ? v.asText() : null;
    }

    private static Integer integer(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isNumber() ? v.asInt() : null;
    }

    private static Instant instant(JsonNode n, String field) {
        JsonNode v = n.path(field);
        if (v.isNumber()) {
            return Instant.ofEpochMilli(v.asLong());
        }
        return v.isTextual() ? java.time.OffsetDateTime.parse(v.asText()).toInstant() : null;
    }
}
