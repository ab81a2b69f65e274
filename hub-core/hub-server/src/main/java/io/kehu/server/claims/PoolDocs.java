package io.kehu.server.claims;

import io.kehu.search.PoolDoc;
import io.kehu.server.routing.Owner;
import io.kehu.server.routing.OwnerDecision;
import io.kehu.server.routing.PoolEntry;
import io.kehu.server.routing.PoolOffers;
import io.kehu.server.routing.PoolState;
import io.kehu.server.routing.RoutingConfig;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Between the stored pool documents and the pure {@link io.kehu.server.routing.ClaimPool}. Pure. */
final class PoolDocs {

    private PoolDocs() {
    }

    /** A new open lead from a routing run's offer, holding back every destination the lead was routed to. */
    static PoolDoc offered(PoolOffers.Offer offer, int rulesVersion, Instant now) {
        OwnerDecision d = offer.result().owner();
        List<PoolDoc.Destination> destinations = offer.result().decisions().stream()
                .map(rd -> new PoolDoc.Destination(rd.ruleId(), rd.destinationInstanceId())).distinct().toList();
        return new PoolDoc(offer.profileId(), offer.ruleId(), rulesVersion, d.eligible(), destinations, PoolDoc.OPEN,
                now, d.deadline(), 0, null, null, null, null, now);
    }

    /**
     * Whether routing leaves a stored lead as it is. An open lead keeps its deadline however often its profile
     * is routed again. A settled one keeps its owner while that owner is active: routing read the profile before
     * the owner was written on it. Only a lead whose owner has left since (inactive, or gone from the rules) is
     * offered anew, since then the profile needs an owner again.
     */
    static boolean keeps(PoolDoc stored, RoutingConfig config) {
        return stored.open() || config.owner(stored.owner()).map(Owner::isActive).orElse(false);
    }

    /** The pure pool's view of stored leads: a settled lead counts as claimed by its owner. */
    static PoolState state(Collection<PoolDoc> docs) {
        Map<String, PoolEntry> entries = new HashMap<>();
        for (PoolDoc d : docs) {
            entries.put(d.profileId(), new PoolEntry(d.profileId(), d.ruleId(), d.eligible(), d.offeredAt(),
                    d.deadline(), d.requeues(), d.open() ? null : d.owner(), d.settledAt()));
        }
        return new PoolState(entries);
    }
}
