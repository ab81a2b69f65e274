package io.kehu.server.web;

import io.kehu.api.domain.Profile;
import io.kehu.search.DeliveryLogDoc;
import io.kehu.search.InteractionDoc;
import io.kehu.search.MergeDoc;
import io.kehu.search.OutboxDoc;
import io.kehu.search.ProfileStore;
import io.kehu.search.SearchPage;
import io.kehu.server.connectors.NotFoundException;
import io.kehu.server.delivery.DeliveryLog;
import io.kehu.server.delivery.Outbox;
import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.search.VersionedDoc;
import io.kehu.server.lifecycle.LifecycleEvaluator;
import io.kehu.server.lifecycle.LifecycleModel;
import io.kehu.server.lifecycle.LifecycleRules;
import io.kehu.server.lifecycle.StoredProfile;
import io.kehu.server.security.SalesScope;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Unified profiles for sales: search in Chinese and English, one profile with its timeline. */
@RestController
@RequestMapping("/api/v1/profiles")
public class ProfileController {

    /** Stage changes shown with a profile; the timeline has them all. */
    private static final int STAGE_HISTORY = 50;

    private final ProfileStore profiles;
    private final ProfileQueryParser parser;
    private final Documents docs;
    private final IndexNames names;
    private final LifecycleRules rules;
    private final LifecycleEvaluator evaluator;
    private final Clock clock;
    private final Outbox outbox;
    private final DeliveryLog deliveryLog;

    public ProfileController(ProfileStore profiles, ProfileQueryParser parser, Documents docs, IndexNames names,
                             LifecycleRules rules, LifecycleEvaluator evaluator, Clock clock, Outbox outbox,
                             DeliveryLog deliveryLog) {
        this.profiles = profiles;
        this.parser = parser;
        this.docs = docs;
        this.names = names;
        this.rules = rules;
        this.evaluator = evaluator;
        this.clock = clock;
        this.outbox = outbox;
        this.deliveryLog = deliveryLog;
    }

    /** Where a profile was routed: per destination, the delivery's status and the destination's record id. */
    public record DeliveryState(String destination, String status, String remoteId, int attempts, String lastOutcome,
                                String lastCode, Instant nextAttemptAt, Instant deliveredAt, Instant updatedAt) {
        static DeliveryState of(OutboxDoc d) {
            return new DeliveryState(d.destination(), d.status(), d.remoteId(), d.attempts(), d.lastOutcome(), d.lastCode(),
                    d.nextAttemptAt(), d.deliveredAt(), d.updatedAt());
        }
    }

    /** Profiles with their stage badge and tier; the full lifecycle comes with one profile. */
    @GetMapping
    public SearchPage<ProfileHit> search(@RequestParam(name = "q", required = false) String q,
                                         @RequestParam(name = "source", required = false) List<String> sources,
                                         @RequestParam(name = "tag", required = false) List<String> tags,
                                         @RequestParam(name = "company", required = false) String company,
                                         @RequestParam(name = "owner", required = false) String owner,
                                         @RequestParam(name = "from", defaultValue = "0") int from,
                                         @RequestParam(name = "size", defaultValue = "20") int size,
                                         HttpServletRequest request) {
        // A salesperson limited to their own profiles searches those, whatever owner they ask for.
        String scoped = SalesScope.owner(request);
        SearchPage<StoredProfile> page = profiles.search(parser.parse(q, sources, tags, company,
                        scoped != null ? scoped : owner, from, size),
                StoredProfile.class, ProfileHit.EXCLUDED);
        LifecycleModel model = rules.current().config().lifecycle();
        return new SearchPage<>(page.total(), page.items().stream().map(p -> ProfileHit.of(p, model)).toList());
    }

    /**
     * One profile with its stored lifecycle (stage, scores and their reasons), its stage history and its
     * most recent interactions. An id that was merged into another profile answers with the survivor
     * and says so in {@code redirectedFrom}.
     */
    @GetMapping("/{id}")
    public Map<String, Object> get(@PathVariable String id,
                                   @RequestParam(name = "timelineSize", defaultValue = "50") int timelineSize) {
        String resolved = id;
        StoredProfile stored = read(id).orElse(null);
        if (stored == null) {
            resolved = profiles.survivorOf(id).orElseThrow(() -> new NotFoundException("No profile with id " + id));
            stored = read(resolved).orElseThrow(() -> new NotFoundException("No profile with id " + id));
        }
        Profile p = stored.profile();
        LifecycleRules.Current current = rules.current();
        LifecycleView lifecycle = stored.lifecycle() != null
                ? LifecycleView.of(stored.lifecycle(), current.config().lifecycle(), false)
                // Stored before lifecycles were and not swept yet: computed for this answer only.
                : LifecycleView.of(evaluator.evaluate(stored, current.config(), clock.instant()).lifecycle(),
                        current.config().lifecycle(), true);
        SearchPage<InteractionDoc> recent = profiles.timeline(p, 0, Math.max(timelineSize, 1));
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("profile", p);
        out.put("lifecycle", lifecycle);
        out.put("stageHistory", profiles.stageHistory(p, STAGE_HISTORY));
        out.put("deliveries", outbox.ofProfile(p.id()).stream().map(DeliveryState::of).toList());
        out.put("interactionCount", recent.total());
        out.put("timeline", recent.items().subList(0, Math.min(Math.max(timelineSize, 0), recent.items().size())));
        if (!resolved.equals(id)) {
            out.put("redirectedFrom", id);
        }
        return out;
    }

    private java.util.Optional<StoredProfile> read(String id) {
        return docs.get(names.profiles(), id, StoredProfile.class).map(VersionedDoc::source);
    }

    /**
     * The merge history of a profile: which profiles were folded into it (or it into which), by
     * which identifiers and record, with a snapshot of each folded profile as it was.
     */
    @GetMapping("/{id}/merges")
    public List<MergeDoc> merges(@PathVariable String id) {
        return profiles.mergesOf(id);
    }

    /** What was sent to which destination, when, and the answer: every attempt, newest first. */
    @GetMapping("/{id}/deliveries")
    public SearchPage<DeliveryLogDoc> deliveries(@PathVariable String id,
                                                 @RequestParam(name = "from", defaultValue = "0") int from,
                                                 @RequestParam(name = "size", defaultValue = "50") int size) {
        return deliveryLog.ofProfile(id, from, size);
    }

    @GetMapping("/{id}/timeline")
    public SearchPage<InteractionDoc> timeline(@PathVariable String id,
                                               @RequestParam(name = "from", defaultValue = "0") int from,
                                               @RequestParam(name = "size", defaultValue = "50") int size) {
        Profile p = profiles.get(id).orElseThrow(() -> new NotFoundException("No profile with id " + id));
        return profiles.timeline(p, from, size);
    }
}
