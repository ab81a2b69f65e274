package io.kehu.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Random;

/**
 * Profile documents with stored lifecycles for the sweep benchmark, as the hub would have stored them at
 * {@code scoredAt}: stages spread over the default model, each with the signal summary that holds it in its stage,
 * and the scores the default rules of {@code config/lifecycle.yml} give at that time (this class mirrors those
 * weights; were it to drift, the sweep would report more profiles written, not fail). Deterministic from the seed.
 *
 * <p>Last activity is spread over the 30 days before {@code scoredAt} and at-risk stages over 30 days, so a sweep
 * one day later finds about one in thirty profiles idle into at-risk or churned, and decay moves many scores by a
 * point.
 */
final class SweepProfileGenerator {

    /** type@channel, weight × channel multiplier, group: the default engagement rules. */
    private record Kind(String key, double points, int group) {
    }

    private static final Kind IMPORT = new Kind("import@spreadsheet", 0, -1);
    private static final Kind MESSAGE = new Kind("message@wecom", 4 * 1.2, 0);
    private static final Kind REPLY = new Kind("reply@wecom", 8 * 1.2, 0);
    private static final Kind QUOTE = new Kind("quote@email", 15, 1);
    private static final Kind CONTRACT = new Kind("contract@email", 20, 2);
    private static final Kind ORDER = new Kind("order@webform", 25, 2);
    private static final int[] CAPS = {40, 40, 50};
    private static final int FIT = 15; // name 5 + phone 10: the only fields these profiles have
    private static final double HALF_LIFE_DAYS = 30;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Random random;
    private final Instant scoredAt;
    private final String basis;

    SweepProfileGenerator(long seed, Instant scoredAt, String basis) {
        this.random = new Random(seed);
        this.scoredAt = scoredAt;
        this.basis = basis;
    }

    ObjectNode profile(int i) {
        String id = String.format(Locale.ROOT, "sw-%07d", i);
        String phone = String.format(Locale.ROOT, "+86139%08d", i);
        Instant created = scoredAt.minus(Duration.ofDays(200));
        ObjectNode p = JSON.objectNode();
        p.put("id", id);
        p.put("name", "客户" + i);
        p.set("names", JSON.arrayNode().add("客户" + i));
        p.set("phones", JSON.arrayNode().add(phone));
        p.set("emails", JSON.arrayNode());
        p.set("identifiers", JSON.arrayNode().add("phone:" + phone));
        p.set("sources", JSON.arrayNode().add("bench"));
        p.set("mergedFrom", JSON.arrayNode());
        p.put("createdAt", created.toString());
        p.put("updatedAt", scoredAt.toString());

        String stage = stage(random.nextInt(100));
        boolean risk = stage.equals("at_risk") || stage.equals("churned");
        Instant since = risk ? daysBefore(scoredAt, stage.equals("at_risk") ? 30 : 200) : null;
        // Funnel stages are held by recent activity; risk stages were entered by 30 idle days.
        Instant last = risk ? since.minus(Duration.ofDays(30)) : daysBefore(scoredAt, 30);
        p.put("lastInteractionAt", last.toString());

        ObjectNode stats = JSON.objectNode();
        double[] groups = new double[CAPS.length];
        ObjectNode signals = JSON.objectNode();
        add(stats, groups, IMPORT, 1, created);
        int touches = 0;
        int purchases = 0;
        switch (stage) {
            case "lead" -> touches += add(stats, groups, MESSAGE, 1, last);
            default -> {
                touches += add(stats, groups, REPLY, 1 + random.nextInt(3), last);
                signals.put("lastReply", last.toString());
            }
        }
        if (stage.equals("opportunity") || stage.equals("customer") || stage.equals("loyal")) {
            touches += add(stats, groups, QUOTE, 1, last);
            signals.put("lastQuote", last.toString());
        }
        if (stage.equals("customer") || stage.equals("loyal")) {
            touches += add(stats, groups, CONTRACT, 1, last);
            signals.put("lastContract", last.toString());
        }
        if (stage.equals("loyal")) {
            purchases = 2;
            touches += add(stats, groups, ORDER, 2, last);
            signals.put("lastPurchase", last.toString());
        }
        signals.put("basis", basis);
        signals.put("ref", scoredAt.toString());
        signals.set("engagement", stats);
        signals.put("interactions", touches + 1);
        signals.put("touches", touches);
        signals.put("purchases", purchases);
        signals.put("lastActivity", last.toString());
        if (!stage.equals("lead")) {
            signals.set("lastPositive", JSON.objectNode().put("at", last.toString()).put("type", "reply").put("channel", "wecom"));
        }
        signals.set("recentIds", JSON.arrayNode());

        double engagementSum = 0;
        for (int g = 0; g < CAPS.length; g++) {
            engagementSum += Math.min(CAPS[g], groups[g]);
        }
        int engagement = (int) Math.max(0, Math.min(100, Math.round(engagementSum)));
        int combined = (int) Math.max(0, Math.min(100, Math.round(0.4 * FIT + 0.6 * engagement)));
        ObjectNode l = JSON.objectNode();
        l.put("stage", stage);
        l.put("stageSince", (since != null ? since : last).toString());
        l.put("manual", false);
        l.put("purchases", purchases);
        l.put("fit", FIT);
        l.put("engagement", engagement);
        l.put("combined", combined);
        l.put("tier", combined >= 70 ? "A" : combined >= 40 ? "B" : "C");
        l.put("rulesVersion", 1);
        l.put("scoredAt", scoredAt.toString());
        l.set("reasons", JSON.arrayNode());
        l.set("signals", signals);
        p.set("lifecycle", l);
        return p;
    }

    /** The share of each stage, in percent. */
    private static String stage(int percent) {
        if (percent < 30) {
            return "lead";
        }
        if (percent < 55) {
            return "engaged";
        }
        if (percent < 70) {
            return "opportunity";
        }
        if (percent < 82) {
            return "customer";
        }
        if (percent < 87) {
            return "loyal";
        }
        return percent < 95 ? "at_risk" : "churned";
    }

    /** Adds {@code count} interactions of one kind at {@code at} to the stats; returns how many touches they are. */
    private int add(ObjectNode stats, double[] groups, Kind kind, int count, Instant at) {
        double decayed = count * Math.pow(0.5, Duration.between(at, scoredAt).toMillis() / 86_400_000.0 / HALF_LIFE_DAYS);
        stats.set(kind.key(), JSON.objectNode().put("count", count).put("decayed", decayed).put("last", at.toString()));
        if (kind.group() >= 0) {
            groups[kind.group()] += kind.points() * decayed;
        }
        return kind == IMPORT ? 0 : count;
    }

    private Instant daysBefore(Instant t, int maxDays) {
        return t.minus(Duration.ofMillis((long) (random.nextDouble() * maxDays * 86_400_000L)));
    }
}
