package io.kehu.server.claims;

import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.search.PoolDoc;
import io.kehu.search.VersionedDoc;
import io.kehu.server.delivery.Outbox;
import io.kehu.server.delivery.OutboxEntry;
import io.kehu.server.lifecycle.ProfileLifecycle;
import io.kehu.server.lifecycle.StoredProfile;
import io.kehu.server.routing.ProfileOwnerWriter;
import io.kehu.server.routing.RoutableProfile;
import io.kehu.server.routing.RouteDecision;
import io.kehu.server.routing.RoutingEngine;
import io.kehu.server.routing.RoutingRules;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes a lead whose owner the pool decided (a claim, or the deadline): the owner is written on the profile,
 * the lead is queued for every destination held back while it waited, mapped with that owner by the rules in
 * force, and the pool document is marked done. Each step is harmless to repeat (the owner write skips a profile
 * that has it, an unchanged payload is a no-op in the outbox), so a settlement cut short is simply run again.
 */
public final class ClaimSettler {

    private static final Logger log = LoggerFactory.getLogger(ClaimSettler.class);

    private final Documents docs;
    private final IndexNames names;
    private final ProfileOwnerWriter owners;
    private final Outbox outbox;
    private final ClaimPoolStore store;
    private final RoutingRules rules;
    private final Clock clock;

    public ClaimSettler(Documents docs, IndexNames names, ProfileOwnerWriter owners, Outbox outbox, ClaimPoolStore store,
                        RoutingRules rules, Clock clock) {
        this.docs = docs;
        this.names = names;
        this.owners = owners;
        this.outbox = outbox;
        this.store = store;
        this.rules = rules;
        this.clock = clock;
    }

    /** Returns how many destinations the lead was queued for. */
    public int settle(VersionedDoc<PoolDoc> doc) {
        PoolDoc lead = doc.source();
        Optional<VersionedDoc<StoredProfile>> profile = docs.get(names.profiles(), lead.profileId(), StoredProfile.class);
        int queued = 0;
        if (profile.isEmpty()) {
            log.info("Pooled profile {} no longer exists (merged or removed): owner {} not recorded", lead.profileId(),
                    lead.owner());
        } else {
            owners.write(List.of(new ProfileOwnerWriter.Assignment(profile.get(), lead.owner())));
            List<OutboxEntry> entries = entries(profile.get().source(), lead, rules.current().engine(), clock.instant());
            if (!entries.isEmpty()) {
                outbox.enqueueAll(entries);
            }
            queued = entries.size();
        }
        if (store.write(doc, lead.enqueued(clock.instant())).isEmpty()) {
            log.debug("Pooled profile {} was settled by another request meanwhile", lead.profileId());
        }
        log.info("Pooled profile {} goes to {} ({}), queued for {} destination(s)", lead.profileId(), lead.owner(),
                lead.ownerKind(), queued);
        return queued;
    }

    private static List<OutboxEntry> entries(StoredProfile stored, PoolDoc lead, RoutingEngine engine, Instant now) {
        ProfileLifecycle l = stored.lifecycle();
        RoutableProfile profile = RoutableProfile.of(stored.profile(), l == null ? null : l.stage(),
                l == null ? null : l.score()).withOwner(lead.owner());
        List<OutboxEntry> entries = new ArrayList<>();
        for (PoolDoc.Destination d : lead.destinations()) {
            Optional<RouteDecision> decision = engine.remap(profile, d.ruleId(), d.instance(), now);
            if (decision.isEmpty()) {
                log.info("Pooled profile {} not sent to {}: rule {} no longer sends there", lead.profileId(),
                        d.instance(), d.ruleId());
            } else if (!decision.get().complete()) {
                // Field names only: the values are personal data.
                log.info("Pooled profile {} not sent to {}: required field(s) {} have no value", lead.profileId(),
                        d.instance(), decision.get().missingRequired());
            } else {
                RouteDecision rd = decision.get();
                entries.add(new OutboxEntry(lead.profileId(), rd.destinationInstanceId(), rd.ruleId(),
                        rd.mappedFields(), rd.remoteOwnerId()));
            }
        }
        return entries;
    }
}
