package io.kehu.server.claims;

import io.kehu.search.PoolDoc;
import io.kehu.search.VersionedDoc;
import io.kehu.server.routing.PoolOffers;
import io.kehu.server.routing.RoutingRules;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the leads a routing run offered into the persisted pool, one multi-get and one bulk request per page.
 * A lead already in the pool is left as it is (see {@link PoolDocs#keeps}), so routing a changed profile again
 * neither offers it twice nor moves its deadline; when two hub nodes offer the same lead, the create lets one win.
 */
public final class ClaimOffers implements PoolOffers {

    private static final Logger log = LoggerFactory.getLogger(ClaimOffers.class);

    private final ClaimPoolStore store;
    private final Clock clock;

    public ClaimOffers(ClaimPoolStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public void offer(List<Offer> offers, RoutingRules.Current rules) {
        Map<String, VersionedDoc<PoolDoc>> stored = store.getAll(offers.stream().map(Offer::profileId).toList());
        Instant now = clock.instant();
        List<ClaimPoolStore.Write> writes = new ArrayList<>();
        for (Offer offer : offers) {
            VersionedDoc<PoolDoc> existing = stored.get(offer.profileId());
            if (existing == null || !PoolDocs.keeps(existing.source(), rules.config())) {
                writes.add(new ClaimPoolStore.Write(existing, PoolDocs.offered(offer, rules.version(), now)));
            }
        }
        if (writes.isEmpty()) {
            return;
        }
        int written = store.writeAll(writes);
        log.info("{} lead(s) offered to the claim pool, {} already waiting", written, offers.size() - writes.size());
    }
}
