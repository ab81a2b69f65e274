package io.kehu.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.kehu.search.IndexNames;
import io.kehu.search.OutboxDoc;
import io.kehu.search.PointInTimeScan;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery benchmark: N qualified leads imported into a hub child process through the spreadsheet plugin,
 * routed by one round-robin rule to a HubSpot destination instance, and delivered in batches of 100 to a WireMock
 * HubSpot in this process that enforces the per-10-second limit. Measures from the start of the routing run (the
 * first routed lead) to the CRM call carrying the last lead; exit 1 unless every lead is in the CRM exactly once.
 *
 * <p>A warm-up lead is imported and delivered first: it takes the hub's one immediate routing wake-up, so that,
 * with {@code hub.routing.min-gap} at an hour, the import's batches start no run and the benchmark's own
 * {@code POST /api/v1/routing/run} routes all N leads at once.
 */
public final class DeliveryBenchmark {

    static final String DESTINATION = "crm-hubspot";
    private static final Logger log = LoggerFactory.getLogger(DeliveryBenchmark.class);
    private static final String PREFIX = "bench-delivery-";
    private static final List<String> OWNERS = List.of("51000001", "51000002", "51000003");

    private DeliveryBenchmark() {
    }

    public static void main(String[] args) {
        Path repo = Path.of(System.getProperty("kehu.repo", "")).toAbsolutePath().normalize();
        DeliveryOptions o;
        try {
            o = DeliveryOptions.parse(args, repo);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("bench: " + e.getMessage());
            }
            System.err.println(DeliveryOptions.USAGE);
            System.exit(2);
            return;
        }
        boolean ok = false;
        try {
            ok = run(o);
        } catch (RuntimeException | IOException e) {
            log.error("The delivery benchmark failed", e);
        } finally {
            if (!o.keep()) {
                SweepBenchmark.deleteData(o.workDir().resolve("es-delivery"));
                SweepBenchmark.deleteData(o.workDir().resolve("files"));
            }
        }
        log.info("Logs (hub, GC, Elasticsearch) are in {}", o.workDir());
        System.exit(ok ? 0 : 1);
    }

    static boolean run(DeliveryOptions o) throws IOException {
        Path work = Files.createDirectories(o.workDir());
        Path files = Files.createDirectories(work.resolve("files"));
        Path leads = writeLeads(files.resolve("leads-" + o.leads() + ".csv"), o.seed(), 0, o.leads());
        // A person past the N: a distinct profile of its own.
        Path warmUp = writeLeads(files.resolve("warm-up.csv"), o.seed(), o.leads(), 1);
        try (BenchNode node = BenchNode.start(work, "delivery", o.esHeap());
             HubSpotCrm crm = new HubSpotCrm(new RollingWindowLimit(o.crmCallsPer10s(), Duration.ofSeconds(10)), o.crmLatencyMillis())) {
            Path runDir = Files.createDirectories(work.resolve("hub"));
            Path inbox = Files.createDirectories(runDir.resolve("inbox"));
            Path connectors = writeConfig(runDir, inbox, crm, o);
            String key = HubImportRun.randomKey();
            int port = HubImportRun.freePort();
            HubProcess.Settings settings = new HubProcess.Settings(o.repoRoot(),
                    o.repoRoot().resolve("hub-core/hub-server/target/hub-server.jar"), o.hubHeap(), runDir, node.uri(),
                    o.repoRoot().resolve("plugins"), connectors, PREFIX, "bench:admin:" + HubImportRun.sha256Hex(key), port,
                    Map.of("HUB_ROUTINGFILE", runDir.resolve("routing.yml").toString(),
                            "HUB_ROUTING_INTERVAL", "0",
                            "HUB_ROUTING_MINGAP", "1h",
                            "HUB_LIFECYCLE_SWEEP_INTERVAL", "0",
                            "BENCH_HUBSPOT_TOKEN", "pat-na1-" + HubImportRun.randomKey()));
            try (HubProcess hub = HubProcess.start(settings)) {
                HubClient client = new HubClient(URI.create("http://127.0.0.1:" + port), key);
                HubImportRun.awaitReady(hub, client, Duration.ofMinutes(3), List.of(HubImportRun.CONNECTOR_ID, DESTINATION));
                importFile(hub, client, inbox, warmUp, 1, o.timeout());
                awaitUntil(() -> crm.contactCount() == 1, Duration.ofMinutes(2), "the warm-up lead's delivery");
                log.info("Warm-up lead delivered; importing {} leads", o.leads());
                importFile(hub, client, inbox, leads, o.leads(), o.timeout());

                double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
                CpuTime.Meter meter = CpuTime.start(node.process(), hub.handle());
                long start = System.nanoTime();
                JsonNode routed = client.routingRun(o.timeout());
                double routingSeconds = (System.nanoTime() - start) / 1e9;
                log.info("Routing run: {}", routed);
                awaitUntil(() -> crm.contactCount() >= o.leads() + 1, o.timeout(), "every lead in the CRM");
                CpuTime cpu = meter.stop();
                List<HubSpotCrm.Call> calls = crm.calls().stream().filter(c -> c.arrivedNanos() >= start).toList();
                Set<String> expected = profileKeys(node.client());
                long delivered = awaitOutbox(node.client(), expected.size());
                DeliveryReport report = new DeliveryReport(o, start, calls, crm.contacts(), expected,
                        routed.path("queued").asLong(), routingSeconds, delivered, cpu, load);
                report.print(System.out);
                return report.passed();
            }
        }
    }

    /** Persons {@code from} … {@code from + count - 1} of the generator, one row each: one profile per row. */
    static Path writeLeads(Path file, long seed, long from, int count) throws IOException {
        PhoneSpace phones = new PhoneSpace(seed);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180)) {
            printer.printRecord(LeadGenerator.HEADERS);
            for (long i = from; i < from + count; i++) {
                printer.printRecord(LeadPerson.of(seed, i, 1, phones).row(0).cells());
            }
        }
        return file;
    }

    /** The spreadsheet inbox, the HubSpot instance and one rule routing every lead to it, owners in turn. */
    private static Path writeConfig(Path runDir, Path inbox, HubSpotCrm crm, DeliveryOptions o) throws IOException {
        Path connectors = Files.createDirectories(runDir.resolve("connectors"));
        Files.writeString(connectors.resolve("bench.yml"), String.join("\n",
                "id: " + HubImportRun.CONNECTOR_ID, "type: spreadsheet", "enabled: true", "config:",
                "  inbox: " + inbox, "  pollInterval: 1s", ""), StandardCharsets.UTF_8);
        Files.writeString(connectors.resolve(DESTINATION + ".yml"), String.join("\n",
                "id: " + DESTINATION, "type: hubspot", "enabled: true", "config:",
                "  accessToken: ${BENCH_HUBSPOT_TOKEN}",
                "  baseUrl: " + crm.baseUrl(),
                // Every lead has a key; not every generated lead has an e-mail.
                "  idProperty: kehu_id", "  idSource: idempotencyKey",
                "  callsPer10Seconds: " + o.hubCallsPer10s(), ""), StandardCharsets.UTF_8);
        StringBuilder owners = new StringBuilder();
        for (int i = 0; i < OWNERS.size(); i++) {
            owners.append("  - { id: owner").append(i + 1).append(", name: Owner ").append(i + 1)
                    .append(", remoteIds: { ").append(DESTINATION).append(": \"").append(OWNERS.get(i)).append("\" } }\n");
        }
        Files.writeString(runDir.resolve("routing.yml"), """
                version: 1
                match: first
                owners:
                %sdefaultAssignee: owner1
                rules:
                  - id: bench-all
                    description: Every imported lead goes to HubSpot, owners in turn.
                    destinations:
                      - instance: %s
                        fields:
                          email: emails[0]
                          firstname: name
                          company: company
                          jobtitle: title
                          phone: phones[0]
                          hubspot_owner_id: owner.remoteId
                    assignment:
                      strategy: roundRobin
                      params: { owners: [owner1, owner2, owner3] }
                      fallback: owner1
                """.formatted(owners, DESTINATION), StandardCharsets.UTF_8);
        return connectors;
    }

    private static void importFile(HubProcess hub, HubClient client, Path inbox, Path file, long rows, Duration timeout)
            throws IOException {
        Path staged = Files.copy(file, inbox.getParent().resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        long start = System.nanoTime();
        Files.move(staged, inbox.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        JsonNode report = HubImportRun.awaitImport(hub, client, inbox, file.getFileName().toString(), start, rows, timeout);
        if (!"COMPLETED".equals(report.path("status").asText()) || report.path("imported").asLong() != rows) {
            throw new IllegalStateException("The import of " + file.getFileName() + " ended " + report.path("status").asText()
                    + " with " + report.path("imported").asLong() + " of " + rows + " rows imported: " + report.path("rejected"));
        }
        log.info("Imported {} ({} rows) in {} s", file.getFileName(), rows, String.format("%.1f", (System.nanoTime() - start) / 1e9));
    }

    /** The hub's key of every profile, as the CRM should hold it. */
    private static Set<String> profileKeys(ElasticsearchClient es) {
        Set<String> keys = new HashSet<>();
        new PointInTimeScan(es).scan(new IndexNames(PREFIX).profiles(), null, List.of("*"), 1000, Map.class,
                page -> page.forEach(d -> keys.add("kehu-" + d.id())));
        return keys;
    }

    /** Waits for the hub to store the last answers, then counts the destination's DELIVERED outbox items. */
    private static long awaitOutbox(ElasticsearchClient es, long expected) {
        String index = new IndexNames(PREFIX).outbox();
        long[] delivered = {-1};
        try {
            awaitUntil(() -> {
                try {
                    es.indices().refresh(r -> r.index(index));
                    delivered[0] = es.count(c -> c.index(index).query(q -> q.bool(b -> b
                            .filter(f -> f.term(t -> t.field("destination").value(DESTINATION)))
                            .filter(f -> f.term(t -> t.field("status").value(OutboxDoc.DELIVERED)))))).count();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return delivered[0] >= expected;
            }, Duration.ofMinutes(1), "the outbox to record every delivery");
        } catch (IllegalStateException e) {
            log.warn(e.getMessage());
        }
        return delivered[0];
    }

    private static void awaitUntil(BooleanSupplier done, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextLog = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!done.getAsBoolean()) {
            long now = System.nanoTime();
            if (now > deadline) {
                throw new IllegalStateException("Gave up waiting for " + what + " after " + timeout);
            }
            if (now > nextLog) {
                log.info("  still waiting for {}", what);
                nextLog = now + Duration.ofSeconds(15).toNanos();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted", e);
            }
        }
    }
}
