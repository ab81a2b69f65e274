package io.kehu.server.claims;

import io.kehu.api.HubException;
import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.search.PoolDoc;
import io.kehu.search.SearchPage;
import io.kehu.search.VersionedDoc;
import io.kehu.server.lifecycle.StoredProfile;
import io.kehu.server.routing.ClaimPool;
import io.kehu.server.routing.Owner;
import io.kehu.server.routing.RoutingRules;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Salespeople claiming pooled leads (抢单), first come first served: the pure {@link ClaimPool} decides, and the
 * pool document's conditional write makes the decision stick, so of two claims at once, on one node or two,
 * exactly one wins and the other is told the lead is taken.
 */
public final class ClaimService {

    private static final Logger log = LoggerFactory.getLogger(ClaimService.class);
    /** Claims that lose a write race look again; a lead changes at most a few times, so this never runs out. */
    private static final int ATTEMPTS = 5;

    public enum Outcome { CLAIMED, ALREADY_CLAIMED, NOT_ELIGIBLE, UNKNOWN_OWNER, NOT_IN_POOL, EXPIRED }

    /** @param owner the lead's owner id when {@code CLAIMED} */
    public record Answer(Outcome outcome, String profileId, String owner, String message) {
    }

    private final ClaimPoolStore store;
    private final ClaimSettler settler;
    private final RoutingRules rules;
    private final Documents docs;
    private final IndexNames names;
    private final Clock clock;

    public ClaimService(ClaimPoolStore store, ClaimSettler settler, RoutingRules rules, Documents docs,
                        IndexNames names, Clock clock) {
        this.store = store;
        this.settler = settler;
        this.rules = rules;
        this.docs = docs;
        this.names = names;
        this.clock = clock;
    }

    /** The configured owner's id for an id or unique name; empty when no owner goes by it. */
    public Optional<String> ownerId(String idOrName) {
        return rules.current().config().owner(idOrName).map(Owner::id);
    }

    /** {@code ownerIdOrName} claims the lead of {@code profileId}; claiming a lead one already has is a success. */
    public Answer claim(String profileId, String ownerIdOrName) {
        RoutingRules.Current current = rules.current();
        Optional<Owner> owner = current.config().owner(ownerIdOrName).filter(Owner::isActive);
        if (owner.isEmpty()) {
            return new Answer(Outcome.UNKNOWN_OWNER, profileId, null, "no active owner has this id");
        }
        String ownerId = owner.get().id();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<VersionedDoc<PoolDoc>> read = store.get(profileId);
            if (read.isEmpty()) {
                return new Answer(Outcome.NOT_IN_POOL, profileId, null, "the lead is not in the claim pool");
            }
            PoolDoc lead = read.get().source();
            if (PoolDoc.TIMED_OUT.equals(lead.status())) {
                return new Answer(Outcome.EXPIRED, profileId, null,
                        "the claim deadline has passed and the lead was assigned");
            }
            Instant now = clock.instant();
            ClaimPool.ClaimResult r = current.pool().claim(PoolDocs.state(List.of(lead)), profileId, ownerId, now);
            if (r.outcome() != ClaimPool.Outcome.CLAIMED) {
                return new Answer(Outcome.valueOf(r.outcome().name()), profileId, null, r.message());
            }
            if (!lead.open()) {
                // The same owner asking again (a retried request): theirs already; finish it if it was cut short.
                if (lead.awaitingDelivery()) {
                    deliver(read.get());
                }
                return new Answer(Outcome.CLAIMED, profileId, ownerId, r.message());
            }
            Optional<VersionedDoc<PoolDoc>> won = store.write(read.get(),
                    lead.settled(PoolDoc.CLAIMED, ownerId, r.decision().kind().name(), now));
            if (won.isPresent()) {
                log.info("Pooled profile {} claimed by {} (rule {})", profileId, ownerId, lead.ruleId());
                deliver(won.get());
                return new Answer(Outcome.CLAIMED, profileId, ownerId, r.message());
            }
            log.debug("Claim of pooled profile {} by {} lost a race; looking again", profileId, ownerId);
        }
        throw HubException.retryable("The lead changed while it was being claimed; try again", null);
    }

    /** Open leads {@code ownerId} may claim (every open lead when null), soonest deadline first. */
    public SearchPage<ClaimView> open(String ownerId, int from, int size) {
        SearchPage<VersionedDoc<PoolDoc>> page = store.open(ownerId, clock.instant(), from, size);
        List<String> ids = page.items().stream().map(d -> d.source().profileId()).toList();
        Map<String, VersionedDoc<StoredProfile>> profiles = docs.mget(names.profiles(), ids, StoredProfile.class);
        return new SearchPage<>(page.total(), page.items().stream().map(d -> ClaimView.of(d.source(),
                Optional.ofNullable(profiles.get(d.source().profileId())).map(VersionedDoc::source).orElse(null)))
                .toList());
    }

    /** The claim stands once written: a failure here is finished by the next claim check, not undone. */
    private void deliver(VersionedDoc<PoolDoc> doc) {
        try {
            settler.settle(doc);
        } catch (RuntimeException e) {
            log.warn("Pooled profile {} was claimed by {}, but recording the owner or queueing it failed; the claim "
                    + "check retries", doc.source().profileId(), doc.source().owner(), e);
        }
    }
}
