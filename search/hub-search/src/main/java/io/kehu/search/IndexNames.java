package io.kehu.search;

import java.util.List;
import java.util.Locale;

/**
 * The hub's index names under one prefix. Each logical index is an alias ({@code kehu-profiles})
 * over a versioned physical index ({@code kehu-profiles-v1}), so a mapping change can be rolled
 * out by reindexing behind the alias.
 */
public record IndexNames(String prefix) {

    /** Logical indices, each with a mapping resource {@code indices/<name>.json}. */
    public static final List<String> ALL =
            List.of("profiles", "interactions", "identifiers", "merges", "state", "imports", "connectors",
                    "deadletters", "work", "outbox", "deliveries", "stagechanges", "lifecyclerules", "routingrules",
                    "alerts", "claimpool", "suppressions", "erasures");

    static final String VERSION_SUFFIX = "-v1";

    public IndexNames {
        prefix = prefix == null ? "" : prefix.toLowerCase(Locale.ROOT);
    }

    public String alias(String logical) {
        return prefix + logical;
    }

    public String physical(String logical) {
        return prefix + logical + VERSION_SUFFIX;
    }

    public String profiles() {
        return alias("profiles");
    }

    public String interactions() {
        return alias("interactions");
    }

    public String identifiers() {
        return alias("identifiers");
    }

    public String merges() {
        return alias("merges");
    }

    public String state() {
        return alias("state");
    }

    public String imports() {
        return alias("imports");
    }

    public String connectors() {
        return alias("connectors");
    }

    public String deadLetters() {
        return alias("deadletters");
    }

    public String work() {
        return alias("work");
    }

    public String outbox() {
        return alias("outbox");
    }

    public String deliveries() {
        return alias("deliveries");
    }

    /** Every stage change of every profile, written by the lifecycle engine. */
    public String stageChanges() {
        return alias("stagechanges");
    }

    /** Versions of the lifecycle rules accepted through the API. */
    public String lifecycleRules() {
        return alias("lifecyclerules");
    }

    /** Alerts raised, one per cause, with their delivery state. */
    /** Versions of the routing rules accepted through the API. */
    public String routingRules() {
        return alias("routingrules");
    }

    public String alerts() {
        return alias("alerts");
    }

    /** Leads offered to the claim pool (抢单), one document per profile, and who got them. */
    public String claimPool() {
        return alias("claimpool");
    }

    /** Salted hashes of erased people's identifiers, which ingest refuses. */
    public String suppressions() {
        return alias("suppressions");
    }

    /** One record per erasure request (PIPL/GDPR), with counts and no personal data. */
    public String erasures() {
        return alias("erasures");
    }
}
