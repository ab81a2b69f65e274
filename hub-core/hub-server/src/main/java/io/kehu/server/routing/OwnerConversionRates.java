package io.kehu.server.routing;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.server.lifecycle.LifecycleModel;
import io.kehu.server.lifecycle.LifecycleRules;
import io.kehu.server.lifecycle.StoredProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each owner's recent conversion rate for the weighted strategy, in one aggregation per routing run.
 * <p>
 * Definition: an owner's <em>leads</em> are the profiles they own that the hub first saw within the window
 * ({@code createdAt}, default the last 90 days); the <em>converted</em> ones among them stand now at the
 * opportunity stage or a later funnel stage of the lifecycle in force, or have a purchase (a customer who
 * has since slipped to at-risk still converted). The rates are smoothed by {@link ConversionRates}. The
 * profile's {@code owner} and {@code lifecycle} fields answer it without a join; the {@code stagechanges}
 * history would also count an opportunity that later went quiet, at the price of one query per owner's
 * profiles.
 */
public final class OwnerConversionRates {

    private static final Logger log = LoggerFactory.getLogger(OwnerConversionRates.class);

    private final Documents docs;
    private final IndexNames names;
    private final LifecycleRules lifecycle;
    private final Duration window;
    private final double priorLeads;

    public OwnerConversionRates(Documents docs, IndexNames names, LifecycleRules lifecycle, Duration window,
                                double priorLeads) {
        this.docs = docs;
        this.names = names;
        this.lifecycle = lifecycle;
        this.window = window;
        this.priorLeads = priorLeads;
    }

    /** The rates for a run of {@code config}; empty (no query) when no enabled rule weighs by them. */
    public Map<String, Double> forRun(RoutingConfig config, Instant now) {
        boolean weighted = config.rules().stream().filter(RoutingRule::isEnabled)
                .anyMatch(r -> r.assignment().strategyKind().filter(AssignmentSpec.Strategy.WEIGHTED::equals).isPresent());
        if (!weighted) {
            return Map.of();
        }
        Map<String, Double> rates = ConversionRates.smooth(counts(now), config.owners().stream().map(Owner::id).toList(),
                priorLeads);
        log.debug("Conversion rates over the last {}: {}", window, rates);
        return rates;
    }

    /** Leads and conversions per owner within the window ending {@code now}. */
    Map<String, ConversionRates.Counts> counts(Instant now) {
        List<FieldValue> converting = convertingStages(lifecycle.current().config().lifecycle()).stream()
                .map(FieldValue::of).toList();
        String from = now.minus(window).toString();
        String index = names.profiles();
        String stage = StoredProfile.FIELD + ".stage";
        String purchases = StoredProfile.FIELD + ".purchases";
        var r = Documents.call(() -> docs.client().search(s -> s.index(index).size(0)
                .query(q -> q.bool(b -> b.filter(f -> f.exists(e -> e.field("owner")))
                        .filter(f -> f.range(rg -> rg.date(d -> d.field("createdAt").gte(from))))))
                // Owners number in the tens or hundreds: one page of buckets holds them all.
                .aggregations("byOwner", a -> a.terms(t -> t.field("owner").size(10_000))
                        .aggregations("converted", sub -> sub.filter(f -> f.bool(b -> b.minimumShouldMatch("1")
                                .should(x -> x.terms(t -> t.field(stage).terms(v -> v.value(converting))))
                                .should(x -> x.range(rg -> rg.number(n -> n.field(purchases).gt(0.0)))))))),
                Void.class), index);
        Map<String, ConversionRates.Counts> out = new LinkedHashMap<>();
        for (StringTermsBucket b : r.aggregations().get("byOwner").sterms().buckets().array()) {
            long converted = b.aggregations().get("converted").filter().docCount();
            out.put(b.key().stringValue(), new ConversionRates.Counts(b.docCount(), converted));
        }
        return out;
    }

    /** The opportunity stage and every funnel stage after it. */
    static List<String> convertingStages(LifecycleModel model) {
        Optional<LifecycleModel.Stage> opportunity = model.stage(model.transitions().opportunity());
        if (opportunity.isEmpty()) {
            return List.of();
        }
        int from = opportunity.get().order();
        return model.stages().stream()
                .filter(s -> s.id().equals(opportunity.get().id())
                        || s.kind() == LifecycleModel.StageKind.FUNNEL && s.order() >= from)
                .map(LifecycleModel.Stage::id).toList();
    }
}
