package io.kehu.server.routing;

import io.kehu.search.OutboxDoc;
import io.kehu.server.delivery.Outbox;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a CRM record current after the profile stops matching the rule that sent it there ("new e-mail,
 * stage moved on"): for a changed profile that the outbox holds an entry for at a destination no rule
 * routes it to now, the fields are mapped again with that entry's rule ({@link RoutingEngine#remap}) and
 * the owner recorded on the profile, and enqueued as an update of the same record. One outbox search per
 * page. An unchanged payload is a no-op in the outbox, so walking the profile again sends nothing.
 */
final class Remapper {

    private static final Logger log = LoggerFactory.getLogger(Remapper.class);

    /** A profile of the page and what routing decided for it. */
    record Walked(RoutableProfile profile, RoutingResult result) {
    }

    /** A remapped decision and the profile it is for. */
    record Remap(String profileId, RouteDecision decision) {
    }

    private final Outbox outbox;

    Remapper(Outbox outbox) {
        this.outbox = outbox;
    }

    List<Remap> remaps(RoutingEngine engine, List<Walked> page, Instant now) {
        Map<String, Walked> byId = new LinkedHashMap<>();
        page.forEach(w -> byId.put(w.profile().id(), w));
        List<Remap> out = new ArrayList<>();
        for (OutboxDoc entry : outbox.ofProfiles(byId.keySet())) {
            Walked w = byId.get(entry.profileId());
            if (w == null || OutboxDoc.MERGED.equals(entry.status()) || routedTo(w.result(), entry.destination())) {
                continue;
            }
            engine.remap(w.profile(), entry.ruleId(), entry.destination(), now).ifPresentOrElse(
                    d -> out.add(new Remap(entry.profileId(), withOwner(d, entry.owner()))),
                    () -> log.debug("Profile {} keeps its record at {} as it is: rule {} no longer maps that destination",
                            entry.profileId(), entry.destination(), entry.ruleId()));
        }
        return out;
    }

    private static boolean routedTo(RoutingResult result, String destination) {
        return result.decisions().stream().anyMatch(d -> d.destinationInstanceId().equals(destination));
    }

    /** The owner's id in the destination, or the one the record got last time when the owner has none there. */
    private static RouteDecision withOwner(RouteDecision d, String recorded) {
        if (d.remoteOwnerId() != null || recorded == null) {
            return d;
        }
        return new RouteDecision(d.ruleId(), d.destinationInstanceId(), d.mappedFields(), d.ownerDecision(), recorded,
                d.missingRequired());
    }
}
