package io.kehu.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The command line of the delivery benchmark.
 *
 * @param crmCallsPer10s  the limit the benchmark's HubSpot enforces, calls per rolling 10 s
 * @param hubCallsPer10s  what the hub's HubSpot instance is configured with ({@code callsPer10Seconds}); above the
 *                        CRM's limit, the hub learns the limit from 429s only
 * @param crmLatencyMillis how long each CRM answer takes
 */
public record DeliveryOptions(int leads, int crmCallsPer10s, int hubCallsPer10s, int crmLatencyMillis, String hubHeap,
                              String esHeap, long seed, Path repoRoot, Path workDir, boolean keep, Duration timeout) {

    /** HubSpot's documented burst limit for a private app on Free and Starter accounts. */
    static final int HUBSPOT_CALLS_PER_10S = 100;

    static final String USAGE = String.join("\n",
            "usage: bench/delivery.sh [--leads N] [--crm-calls-per-10s L] [--hub-calls-per-10s H] [--crm-latency-ms MS]",
            "                         [--hub-heap 512m] [--es-heap 1g] [--seed S] [--keep] [--timeout-minutes M]",
            "  --leads N              qualified leads to import, route and deliver (default 10000)",
            "  --crm-calls-per-10s L  the limit the WireMock HubSpot enforces with 429s (default " + HUBSPOT_CALLS_PER_10S
                    + ", HubSpot's Free/Starter limit)",
            "  --hub-calls-per-10s H  callsPer10Seconds of the hub's HubSpot instance (default: the CRM's limit)",
            "  --crm-latency-ms MS    how long each CRM answer takes (default 0)",
            "  --hub-heap H           -Xmx of the hub process (default 512m)",
            "  --es-heap H            heap of the embedded Elasticsearch node (default 1g)",
            "  --seed S               generator seed (default 42)",
            "  --keep                 keep the generated files and the node's data",
            "  --timeout-minutes M    give up on delivery after M minutes (default 10 + 1 per 1,000 leads)");

    public static DeliveryOptions parse(String[] args, Path repoRoot) {
        int leads = 10_000;
        int crmLimit = HUBSPOT_CALLS_PER_10S;
        Integer hubLimit = null;
        int latency = 0;
        String hubHeap = "512m";
        String esHeap = "1g";
        long seed = 42;
        boolean keep = false;
        Long timeoutMinutes = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--leads" -> leads = positive(value(args, ++i, a), a);
                case "--crm-calls-per-10s" -> crmLimit = positive(value(args, ++i, a), a);
                case "--hub-calls-per-10s" -> hubLimit = positive(value(args, ++i, a), a);
                case "--crm-latency-ms" -> latency = Integer.parseInt(value(args, ++i, a));
                case "--hub-heap" -> hubHeap = value(args, ++i, a);
                case "--es-heap" -> esHeap = value(args, ++i, a);
                case "--seed" -> seed = Long.parseLong(value(args, ++i, a));
                case "--keep" -> keep = true;
                case "--timeout-minutes" -> timeoutMinutes = Long.parseLong(value(args, ++i, a));
                case "-h", "--help" -> throw new IllegalArgumentException("");
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (latency < 0) {
            throw new IllegalArgumentException("--crm-latency-ms must be 0 or more");
        }
        Path workDir = repoRoot.resolve("bench-out")
                .resolve("delivery-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss")));
        Duration timeout = Duration.ofMinutes(timeoutMinutes != null ? timeoutMinutes : 10 + leads / 1_000);
        return new DeliveryOptions(leads, crmLimit, hubLimit != null ? hubLimit : crmLimit, latency, hubHeap, esHeap, seed,
                repoRoot, workDir, keep, timeout);
    }

    /** Leads per second the CRM's limit allows at HubSpot's batch size: the ceiling of any client. */
    double ceilingLeadsPerSecond() {
        return crmCallsPer10s / 10.0 * HubSpotCrm.MAX_INPUTS;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int positive(String s, String option) {
        int n = Integer.parseInt(s.replace("_", "").replace(",", ""));
        if (n < 1) {
            throw new IllegalArgumentException(option + " must be at least 1");
        }
        return n;
    }
}
