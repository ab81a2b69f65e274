package io.kehu.server.routing;

import io.kehu.api.HubException;
import io.kehu.search.IndexNames;
import io.kehu.search.PointInTimeScan;
import io.kehu.search.VersionedDoc;
import io.kehu.server.lifecycle.ConfigProblem;
import io.kehu.server.lifecycle.LifecycleRules;
import io.kehu.server.lifecycle.StoredProfile;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.stream.Collectors;

/**
 * Runs the routing rules in force, or candidate YAML, over every stored profile through
 * {@link RoutingDryRun}; nothing is written. The profiles are walked over a point-in-time on a thread of
 * its own that hands pages over a queue of two, so memory stays bounded by the page size.
 */
public final class RoutingDryRunService {

    private static final int QUEUED_PAGES = 2;

    private final PointInTimeScan scan;
    private final IndexNames names;
    private final RoutingRules rules;
    private final LifecycleRules lifecycle;
    private final RoutingStateStore state;
    private final Clock clock;
    private final int pageSize;
    private final DestinationInstances destinations;
    private final OwnerConversionRates conversionRates;

    public RoutingDryRunService(PointInTimeScan scan, IndexNames names, RoutingRules rules, LifecycleRules lifecycle,
                                RoutingStateStore state, Clock clock, int pageSize, DestinationInstances destinations,
                                OwnerConversionRates conversionRates) {
        this.scan = scan;
        this.names = names;
        this.rules = rules;
        this.lifecycle = lifecycle;
        this.state = state;
        this.clock = clock;
        this.pageSize = pageSize;
        this.destinations = destinations;
        this.conversionRates = conversionRates;
    }

    /** @param yaml candidate rules; null or blank for the rules in force */
    public DryRunReport run(String yaml) {
        RoutingConfig candidate = rules.current().config();
        if (yaml != null && !yaml.isBlank()) {
            try {
                candidate = new RoutingConfigLoader().load(
                        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "request body");
            } catch (HubException e) {
                // Unreadable YAML in a request is the caller's mistake, not the hub's configuration.
                throw HubException.invalidInput(e.getMessage());
            }
            List<ConfigProblem> problems = new RoutingConfigLoader().validate(candidate, lifecycle.current().config());
            if (!problems.isEmpty()) {
                throw HubException.invalidInput("Invalid routing rules: " + problems.stream()
                        .map(ConfigProblem::toString).collect(Collectors.joining("; ")));
            }
        }
        // Continues the rotations in force, as a real run would.
        AssignmentState start = state.read().checkpoint().state();
        Map<String, Double> rates = conversionRates.forRun(candidate, clock.instant());
        List<String> unknown = DestinationInstances.unknown(candidate, destinations.ids());
        Pages pages = new Pages();
        Thread walker = new Thread(pages::walk, "routing-dry-run");
        walker.setDaemon(true);
        walker.start();
        try {
            return new RoutingDryRun().run(candidate, pages, start, rates, clock.instant()).with(unknown, rates);
        } finally {
            walker.interrupt();
        }
    }

    /** The walk's pages as an iterator; the last element handed over is an empty page (or the failure). */
    private final class Pages implements Iterator<RoutableProfile> {

        private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUED_PAGES);
        private Iterator<RoutableProfile> page = List.<RoutableProfile>of().iterator();
        private boolean done;

        void walk() {
            Object last = List.of();
            try {
                scan.scan(names.profiles(), null, RoutingService.NOT_READ, pageSize, StoredProfile.class, this::offer);
            } catch (RuntimeException e) {
                last = e;
            }
            try {
                queue.put(last);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void offer(List<VersionedDoc<StoredProfile>> docs) {
            List<RoutableProfile> out = new ArrayList<>(docs.size());
            docs.forEach(d -> out.add(RoutingService.routable(d.source())));
            try {
                queue.put(out);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Dry run abandoned");
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public boolean hasNext() {
            while (!page.hasNext() && !done) {
                Object next;
                try {
                    next = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw HubException.retryable("Routing dry run interrupted", e);
                }
                if (next instanceof RuntimeException e) {
                    throw e;
                }
                List<RoutableProfile> list = (List<RoutableProfile>) next;
                done = list.isEmpty();
                page = list.iterator();
            }
            return page.hasNext();
        }

        @Override
        public RoutableProfile next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return page.next();
        }
    }
}
