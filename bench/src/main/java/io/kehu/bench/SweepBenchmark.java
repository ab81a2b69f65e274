package io.kehu.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kehu.search.IndexManager;
import io.kehu.search.IndexNames;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle sweep benchmark: loads N profiles with stored lifecycles straight into Elasticsearch, as the hub
 * would have scored them one day ago, starts a hub child process and runs one sweep through
 * {@code POST /api/v1/lifecycle/sweep}; prints profiles/s, profiles written, stage changes and the hub's heap peak.
 * The one-day shift is in the data, not the hub's clock, so decay and the idle and at-risk rules fire as they
 * would a day later. Exit 1 when the sweep failed or did not see every profile; never because of speed.
 *
 * <pre>bench/sweep.sh [--profiles 100000] [--hub-heap 512m] [--es-heap 1g] [--seed 42] [--keep]</pre>
 *
 * The hub inherits the environment: {@code HUB_LIFECYCLE_SWEEP_PAGE_SIZE} sets its page size.
 */
public final class SweepBenchmark {

    private static final Logger log = LoggerFactory.getLogger(SweepBenchmark.class);
    private static final int BULK = 1000;
    private static final String PREFIX = "bench-sweep-";
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private SweepBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> o = options(args);
        Path repo = Path.of(System.getProperty("kehu.repo", "")).toAbsolutePath().normalize();
        int profiles = Integer.parseInt(o.getOrDefault("profiles", "100000"));
        String hubHeap = o.getOrDefault("hub-heap", "512m");
        Path work = Files.createDirectories(repo.resolve("bench-out").resolve("sweep-" + Instant.now().toString().replace(':', '-')));
        boolean ok;
        try (BenchNode node = BenchNode.start(work, "sweep", o.getOrDefault("es-heap", "1g"))) {
            String pageSize = System.getenv().getOrDefault("HUB_LIFECYCLE_SWEEP_PAGE_SIZE", "500");
            ok = run(repo, work, node, profiles, hubHeap, pageSize, Long.parseLong(o.getOrDefault("seed", "42")), System.out);
        } finally {
            if (!o.containsKey("keep")) {
                deleteData(work.resolve("es-sweep"));
            }
        }
        log.info("Logs (hub, GC, Elasticsearch) are in {}", work);
        System.exit(ok ? 0 : 1);
    }

    static boolean run(Path repo, Path work, BenchNode node, int profiles, String hubHeap, String pageSize, long seed,
                       PrintStream out) throws IOException {
        ElasticsearchClient es = node.client();
        IndexNames names = new IndexNames(PREFIX);
        new IndexManager(es, names).ensureIndices();
        String key = HexFormat.of().formatHex(longBytes(ThreadLocalRandom.current().nextLong()));
        int port = freePort();
        Path empty = Files.createDirectories(work.resolve("hub").resolve("empty"));
        HubProcess.Settings settings = new HubProcess.Settings(repo, repo.resolve("hub-core/hub-server/target/hub-server.jar"),
                hubHeap, work.resolve("hub"), node.uri(), empty, empty, PREFIX, "bench:admin:" + HubImportRun.sha256Hex(key), port, Map.of());
        try (HubProcess hub = HubProcess.start(settings)) {
            HubClient client = new HubClient(URI.create("http://127.0.0.1:" + port), key);
            HubImportRun.awaitReady(hub, client, Duration.ofMinutes(3), List.of());
            // The summary's basis names the rules it was built under; the hub tells it by scoring one profile.
            String basis = basis(es, names, client);
            Instant scoredAt = Instant.now().minus(Duration.ofDays(1));
            SweepProfileGenerator generator = new SweepProfileGenerator(seed, scoredAt, basis);
            long loadStart = System.nanoTime();
            for (int from = 0; from < profiles; from += BULK) {
                List<BulkOperation> ops = new ArrayList<>(BULK);
                for (int i = from; i < Math.min(profiles, from + BULK); i++) {
                    ObjectNode doc = generator.profile(i);
                    ops.add(BulkOperation.of(b -> b.index(x -> x.index(names.profiles()).id(doc.get("id").asText()).document(doc))));
                }
                BulkResponse r = es.bulk(b -> b.operations(ops));
                if (r.errors()) {
                    throw new IllegalStateException("Loading profiles failed: " + r.items().stream()
                            .filter(i -> i.error() != null).findFirst().map(i -> i.error().reason()).orElse("?"));
                }
            }
            es.indices().refresh(r -> r.index(names.profiles()));
            log.info("Loaded {} profiles in {} s", profiles, seconds(loadStart));

            double loadAvg = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            JsonNode result = client.sweep("score", Duration.ofMinutes(60));
            GcLogPeak gc = GcLogPeak.read(hub.gcLog());
            long swept = result.path("profiles").asLong();
            // Right after, almost nothing has changed: only profiles whose score rounding or 30-day boundary
            // fell into the seconds between the two sweeps are written again.
            long rewritten = client.sweep("score", Duration.ofMinutes(60)).path("changed").asLong();
            out.println();
            out.printf(Locale.ROOT, "Lifecycle sweep, %,d profiles scored one day ago, page %s, hub -Xmx%s, load %.1f%n",
                    profiles, pageSize, hubHeap, loadAvg);
            out.printf(Locale.ROOT, "  profiles swept   %,d%n", swept);
            out.printf(Locale.ROOT, "  seconds          %.1f%n", result.path("millis").asLong() / 1000.0);
            out.printf(Locale.ROOT, "  profiles/s       %,d%n", result.path("profilesPerSecond").asLong());
            out.printf(Locale.ROOT, "  written          %,d%n", result.path("changed").asLong());
            out.printf(Locale.ROOT, "  stage changes    %,d%n", result.path("stageChanges").asLong());
            out.printf(Locale.ROOT, "  rebuilt          %,d%n", result.path("rebuilt").asLong());
            out.printf(Locale.ROOT, "  conflicts        %,d%n", result.path("conflicts").asLong());
            out.printf(Locale.ROOT, "  hub heap peak    %.0f MB (GC log, %d collections)%n", gc.peakUsedMb(), gc.collections());
            out.printf(Locale.ROOT, "  written again by a second sweep right after: %,d%n", rewritten);
            // The seed profile is swept too.
            return swept == profiles + 1L && result.path("rebuilt").asLong() == 0;
        }
    }

    /** Stores one profile without a lifecycle, lets a sweep score it, and reads back its summary's basis. */
    private static String basis(ElasticsearchClient es, IndexNames names, HubClient hub) throws IOException {
        ObjectNode seed = new SweepProfileGenerator(0, Instant.now(), "").profile(0);
        seed.remove("lifecycle");
        seed.put("id", "sw-seed");
        es.index(i -> i.index(names.profiles()).id("sw-seed").document(seed).refresh(co.elastic.clients.elasticsearch._types.Refresh.True));
        hub.sweep("score", Duration.ofMinutes(5));
        Map<?, ?> stored = es.get(g -> g.index(names.profiles()).id("sw-seed"), Map.class).source();
        Object basis = stored == null ? null : JSON.valueToTree(stored).path("lifecycle").path("signals").path("basis").asText("");
        if (basis == null || basis.toString().isEmpty()) {
            throw new IllegalStateException("The hub did not score the seed profile: " + stored);
        }
        return basis.toString();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument " + args[i]);
            }
            String name = args[i].substring(2);
            o.put(name, name.equals("keep") ? "true" : args[++i]);
        }
        return o;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static byte[] longBytes(long v) {
        return java.nio.ByteBuffer.allocate(16).putLong(v).putLong(System.nanoTime()).array();
    }

    private static String seconds(long start) {
        return String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9);
    }

    static void deleteData(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | RuntimeException e) {
            log.debug("Could not delete {}", dir, e);
        }
    }
}
