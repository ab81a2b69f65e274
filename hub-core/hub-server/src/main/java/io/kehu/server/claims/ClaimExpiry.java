package io.kehu.server.claims;

import io.kehu.search.PoolDoc;
import io.kehu.search.VersionedDoc;
import io.kehu.server.routing.ClaimPool;
import io.kehu.server.routing.OwnerDecision;
import io.kehu.server.routing.RoutingRules;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles the leads nobody claimed in time: back to the pool while the rule's {@code requeues} last and someone
 * is still eligible, else to the rule's fallback, else the default assignee, whose owner is written on the
 * profile and the lead queued. Also finishes settlements cut short (a node stopped between the claim and the
 * outbox). Every write is conditional, so two nodes checking at once, or a claim landing at the deadline, leave
 * one outcome.
 */
public final class ClaimExpiry {

    private static final Logger log = LoggerFactory.getLogger(ClaimExpiry.class);
    static final int PAGE = 200;
    /** A settlement younger than this may still be running in the request that claimed the lead. */
    static final Duration GRACE = Duration.ofSeconds(30);

    /** What one check did. */
    public record Result(int requeued, int assigned, int finished) {
    }

    private final ClaimPoolStore store;
    private final ClaimSettler settler;
    private final RoutingRules rules;
    private final Clock clock;

    public ClaimExpiry(ClaimPoolStore store, ClaimSettler settler, RoutingRules rules, Clock clock) {
        this.store = store;
        this.settler = settler;
        this.rules = rules;
        this.clock = clock;
    }

    public Result run() {
        int requeued = 0;
        int assigned = 0;
        List<VersionedDoc<PoolDoc>> due = store.due(clock.instant(), PAGE);
        // A full page may hide more; a page where every write lost a race makes no progress, so stop there.
        boolean progress = true;
        while (!due.isEmpty() && progress) {
            int before = requeued + assigned;
            Instant now = clock.instant();
            Map<String, VersionedDoc<PoolDoc>> byId = due.stream()
                    .collect(Collectors.toMap(VersionedDoc::id, Function.identity()));
            ClaimPool.ExpiryResult r = rules.current().pool()
                    .expire(PoolDocs.state(due.stream().map(VersionedDoc::source).toList()), now);
            for (ClaimPool.Expired e : r.expired()) {
                VersionedDoc<PoolDoc> read = byId.get(e.profileId());
                OwnerDecision d = e.decision();
                if (d.kind() == OwnerDecision.Kind.POOL) {
                    if (store.write(read, read.source().requeued(d.eligible(), d.deadline(), now)).isPresent()) {
                        requeued++;
                        log.info("Pooled profile {} unclaimed: back in the pool until {}", e.profileId(), d.deadline());
                    }
                    continue;
                }
                Optional<VersionedDoc<PoolDoc>> written = store.write(read,
                        read.source().settled(PoolDoc.TIMED_OUT, d.ownerId(), d.kind().name(), now));
                if (written.isPresent()) {
                    assigned++;
                    settle(written.get());
                }
            }
            progress = requeued + assigned > before;
            due = due.size() < PAGE ? List.of() : store.due(clock.instant(), PAGE);
        }
        int finished = 0;
        for (VersionedDoc<PoolDoc> cut : store.awaitingDelivery(clock.instant().minus(GRACE), PAGE)) {
            if (settle(cut)) {
                finished++;
            }
        }
        if (requeued + assigned + finished > 0) {
            log.info("Claim check: {} lead(s) back in the pool, {} assigned after the deadline, {} cut-short "
                    + "settlement(s) finished", requeued, assigned, finished);
        }
        return new Result(requeued, assigned, finished);
    }

    /** One failed lead must not stop the others: it is still awaiting delivery and the next check retries it. */
    private boolean settle(VersionedDoc<PoolDoc> doc) {
        try {
            settler.settle(doc);
            return true;
        } catch (RuntimeException e) {
            log.warn("Pooled profile {} got owner {}, but recording it or queueing the lead failed; the next claim "
                    + "check retries", doc.id(), doc.source().owner(), e);
            return false;
        }
    }
}
