package io.kehu.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What one delivery run measured, from the routing run's start (the first routed lead) to the CRM call that
 * carried the last lead, and whether every lead reached the CRM exactly once.
 *
 * @param calls          the CRM's calls from the routing run's start on
 * @param contacts       every contact in the CRM, by the hub's key
 * @param expectedKeys   the keys of every profile in the hub ({@code kehu-<profile id>}), the warm-up lead's too
 * @param queuedLeads    leads the routing run put into the outbox (the warm-up lead, already there, is not one)
 * @param outboxDelivered outbox items of the destination the hub itself counts as DELIVERED
 */
record DeliveryReport(DeliveryOptions options, long startNanos, List<HubSpotCrm.Call> calls,
                      Map<String, HubSpotCrm.Contact> contacts, Set<String> expectedKeys, long queuedLeads,
                      double routingSeconds, long outboxDelivered, CpuTime cpu, double load) {

    List<HubSpotCrm.Call> accepted() {
        return calls.stream().filter(c -> c.status() == 200).toList();
    }

    long refused() {
        return calls.stream().filter(c -> c.status() == 429).count();
    }

    /** From the routing run's start to the arrival of the last accepted call. */
    double seconds() {
        return accepted().stream().mapToLong(HubSpotCrm.Call::arrivedNanos).max().stream()
                .mapToDouble(end -> (end - startNanos) / 1e9 + options.crmLatencyMillis() / 1000.0).findFirst().orElse(0);
    }

    long deliveredInWindow() {
        return accepted().stream().mapToLong(HubSpotCrm.Call::records).sum();
    }

    /** What went wrong with exactly-once delivery; empty when every lead is in the CRM once. */
    List<String> problems() {
        List<String> out = new ArrayList<>();
        if (queuedLeads != options.leads()) {
            out.add("the routing run queued " + queuedLeads + " leads, not " + options.leads());
        }
        List<String> missing = expectedKeys.stream().filter(k -> !contacts.containsKey(k)).sorted().toList();
        if (!missing.isEmpty()) {
            out.add(missing.size() + " lead(s) never reached the CRM, e.g. " + missing.subList(0, Math.min(3, missing.size())));
        }
        List<String> extra = contacts.keySet().stream().filter(k -> !expectedKeys.contains(k)).sorted().toList();
        if (!extra.isEmpty()) {
            out.add(extra.size() + " CRM contact(s) match no profile, e.g. " + extra.subList(0, Math.min(3, extra.size())));
        }
        List<String> repeated = contacts.entrySet().stream().filter(e -> e.getValue().upserts() > 1).map(Map.Entry::getKey)
                .sorted().toList();
        if (!repeated.isEmpty()) {
            out.add(repeated.size() + " lead(s) were upserted more than once, e.g. " + repeated.subList(0, Math.min(3, repeated.size())));
        }
        if (deliveredInWindow() != options.leads() && repeated.isEmpty()) {
            out.add("the CRM took " + deliveredInWindow() + " records after routing began, not " + options.leads());
        }
        if (outboxDelivered != expectedKeys.size()) {
            out.add("the hub's outbox counts " + outboxDelivered + " delivered, not " + expectedKeys.size());
        }
        return out;
    }

    boolean passed() {
        return problems().isEmpty();
    }

    void print(PrintStream out) {
        double seconds = seconds();
        int calls = accepted().size();
        double leadsPerSecond = seconds > 0 ? options.leads() / seconds : 0;
        double ceiling = options.ceilingLeadsPerSecond();
        out.println();
        out.printf(Locale.ROOT, "Delivery to a WireMock HubSpot, %,d leads, batches of up to %d, hub -Xmx%s, load %.1f%n",
                options.leads(), HubSpotCrm.MAX_INPUTS, options.hubHeap(), load);
        out.printf(Locale.ROOT, "  rate limit       %d calls / 10 s enforced by the CRM (429 + Retry-After); hub configured with %d%n",
                options.crmCallsPer10s(), options.hubCallsPer10s());
        out.printf(Locale.ROOT, "  ceiling          %,.0f leads/s (%.1f calls/s x %d records, sustained)%n", ceiling,
                options.crmCallsPer10s() / 10.0, HubSpotCrm.MAX_INPUTS);
        out.printf(Locale.ROOT, "  CRM latency      %d ms per call%n", options.crmLatencyMillis());
        out.printf(Locale.ROOT, "  seconds          %.1f (routing run's start to the last lead's call; the run itself took %.1f)%n",
                seconds, routingSeconds);
        out.printf(Locale.ROOT, "  leads/s          %,.0f  (%.1f %% of the ceiling)%n", leadsPerSecond, 100 * leadsPerSecond / ceiling);
        out.printf(Locale.ROOT, "  calls/s          %.1f  (%d calls)%n", seconds > 0 ? calls / seconds : 0, calls);
        out.printf(Locale.ROOT, "  records / call   %.1f (min %d, max %d)%n", calls > 0 ? (double) deliveredInWindow() / calls : 0,
                accepted().stream().mapToInt(HubSpotCrm.Call::records).min().orElse(0),
                accepted().stream().mapToInt(HubSpotCrm.Call::records).max().orElse(0));
        out.printf(Locale.ROOT, "  429s received    %d%n", refused());
        out.printf(Locale.ROOT, "  CPU              %s per 1,000 leads%n", cpu.describe(options.leads(), "hub"));
        // Wall-clock figures move with the machine's load; CPU per lead does not. Two idle cores could at best
        // spend all their time on it, so this is an upper bound, not a prediction.
        double warmPerLead = cpu.withoutJitSeconds() / options.leads();
        out.printf(Locale.ROOT, "  without JIT      %.3f s per 1,000 leads: 2 idle cores would allow at most %,.0f leads/s%n",
                1000 * warmPerLead, warmPerLead > 0 ? 2 / warmPerLead : 0);
        out.printf(Locale.ROOT, "  hub CPU by thread %s%n", ThreadCpu.describe(cpu.clientThreads()));
        out.printf(Locale.ROOT, "  ES CPU by thread  %s%n", ThreadCpu.describe(cpu.esThreads()));
        out.printf(Locale.ROOT, "  owners           %s%n", owners());
        List<String> problems = problems();
        out.printf(Locale.ROOT, "  exactly once     %s%n", problems.isEmpty()
                ? "yes: " + String.format(Locale.ROOT, "%,d", contacts.size()) + " contacts, one per profile (the warm-up lead's included), each upserted once"
                : "NO");
        problems.forEach(p -> out.println("    - " + p));
    }

    private String owners() {
        Map<String, Long> byOwner = contacts.values().stream()
                .collect(Collectors.groupingBy(c -> String.valueOf(c.owner()), TreeMap::new, Collectors.counting()));
        return byOwner.toString();
    }
}
