package io.kehu.server.it;

import io.kehu.search.testing.TestElasticsearch;
import io.kehu.server.HubApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the end-to-end routing ITs share: a hub started, stopped and started again over one folder (so a
 * restart finds its data, connectors and plugins), and a routing file that shares the leads of one rule
 * between two owners in turn and sends them to two CRM instances, {@code crm-a} and {@code crm-b}.
 */
final class RoutedHub {

    /** Each owner's user id in each CRM instance, as the routing file declares them. */
    static final Map<String, Map<String, String>> REMOTE_IDS = Map.of(
            "ana", Map.of("crm-a", "A-ana", "crm-b", "B-ana"),
            "ben", Map.of("crm-a", "A-ben", "crm-b", "B-ben"));

    private RoutedHub() {
    }

    /**
     * Writes {@code routing.yml}: one round-robin rule over ana and ben, sending to crm-a and crm-b.
     *
     * @param when   the rule's condition as a YAML flow map, e.g. {@code { tags: [vip] }}
     * @param fields the field mapping of both destinations as a YAML flow map; it must map {@code LastName}
     */
    static void writeRouting(Path root, String ruleId, String when, String fields) throws IOException {
        Files.createDirectories(root);
        Files.writeString(root.resolve("routing.yml"), """
                version: 1
                match: first
                owners:
                  - id: ana
                    name: Ana
                    remoteIds: { crm-a: A-ana, crm-b: B-ana }
                  - id: ben
                    name: Ben
                    remoteIds: { crm-a: A-ben, crm-b: B-ben }
                defaultAssignee: ana
                rules:
                  - id: %1$s
                    when: %2$s
                    assignment:
                      strategy: roundRobin
                      params: { owners: [ana, ben] }
                    destinations:
                      - instance: crm-a
                        required: [LastName]
                        fields: %3$s
                      - instance: crm-b
                        required: [LastName]
                        fields: %3$s
                """.formatted(ruleId, when, fields));
    }

    /**
     * Starts the hub on a free port over {@code root} (plugins, connectors, data, routing.yml), with an admin
     * API key, routing on wake-ups only (at most one run a second) and searchable writes.
     */
    static ConfigurableApplicationContext start(Class<?> testClass, Path root, String... more) {
        return start(testClass, root, null, more);
    }

    /** {@link #start(Class, Path, String...)} with the hub's clock, or the system's when {@code clock} is null. */
    static ConfigurableApplicationContext start(Class<?> testClass, Path root, Clock clock, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--hub.search.uris=" + TestElasticsearch.uri(),
                "--hub.search.index-prefix=" + TestElasticsearch.indexPrefix(testClass),
                "--hub.data-dir=" + root.resolve("data"),
                "--hub.plugins.dir=" + root.resolve("plugins"),
                "--hub.connectors.dir=" + root.resolve("connectors"),
                "--hub.routing-file=" + root.resolve("routing.yml"),
                "--hub.routing.interval=0",
                "--hub.routing.min-gap=1s",
                "--hub.ingest.refresh=true",
                "--hub.security.api-keys=admin:admin:" + HubTestSupport.hash(HubTestSupport.ADMIN_KEY)));
        args.addAll(List.of(more));
        SpringApplicationBuilder hub = new SpringApplicationBuilder(HubApplication.class);
        if (clock != null) {
            hub.initializers(ctx -> ctx.getBeanFactory().registerSingleton("testClock", clock));
        }
        return hub.run(args.toArray(String[]::new));
    }
}
