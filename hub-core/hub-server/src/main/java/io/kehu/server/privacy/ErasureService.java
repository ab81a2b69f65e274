package io.kehu.server.privacy;

import io.kehu.api.domain.Profile;
import io.kehu.search.ErasureDoc;
import io.kehu.search.IndexNames;
import io.kehu.search.OutboxDoc;
import io.kehu.search.ProfileStore;
import io.kehu.server.connectors.NotFoundException;
import io.kehu.server.delivery.Outbox;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erases a person on request (PIPL Art. 47, GDPR Art. 17): everything the hub holds about the profile and the
 * profiles merged into it, and, when asked, keeps their identifiers out of every later import as salted hashes.
 *
 * <p>Ordered so a crash anywhere leaves a state the same request finishes: first the suppression (ingest
 * refuses the person at once), then the identifier claims (no new record resolves to the profile), then the
 * records that name the profile, the redirects and the merge records, and the profile itself last, since it
 * is what finds the rest again. The erasure record is written after each step. Logs carry ids and counts only.
 */
public final class ErasureService {

    private static final Logger log = LoggerFactory.getLogger(ErasureService.class);

    private final ProfileStore profiles;
    private final PersonFinder finder;
    private final ErasureSteps steps;
    private final ErasureStore store;
    private final Suppressions suppressions;
    private final Outbox outbox;
    private final IndexNames names;
    private final Clock clock;

    public ErasureService(ProfileStore profiles, PersonFinder finder, ErasureSteps steps, ErasureStore store,
                          Suppressions suppressions, Outbox outbox, IndexNames names, Clock clock) {
        this.profiles = profiles;
        this.finder = finder;
        this.steps = steps;
        this.store = store;
        this.suppressions = suppressions;
        this.outbox = outbox;
        this.names = names;
        this.clock = clock;
    }

    /** @param actor the name of the API key that asked */
    public record Request(String profileId, boolean suppress, String reason, String actor) {
    }

    /** @param repeated the profile was erased before; {@code erasure} is that erasure's record */
    public record Outcome(ErasureDoc erasure, boolean repeated) {
    }

    /** The id was merged into another profile: that one is the person, and is what to erase. */
    public static final class MergedAwayException extends RuntimeException {
        private final String survivor;

        MergedAwayException(String id, String survivor) {
            super("Profile " + id + " was merged into " + survivor + "; erase " + survivor + " instead");
            this.survivor = survivor;
        }

        public String survivor() {
            return survivor;
        }
    }

    /**
     * @throws NotFoundException     no such profile, and none erased under that id
     * @throws MergedAwayException   the id lives on in another profile
     * @throws ErasureSteps.Incomplete some records could not be deleted; repeating the request finishes
     */
    public Outcome erase(Request request) {
        String id = request.profileId();
        Optional<Profile> profile = profiles.get(id);
        if (profile.isEmpty()) {
            Optional<String> survivor = profiles.survivorOf(id);
            if (survivor.isPresent()) {
                throw new MergedAwayException(id, survivor.get());
            }
            ErasureDoc done = store.ofProfile(id).orElseThrow(() -> new NotFoundException("No profile with id " + id));
            if (!ErasureDoc.COMPLETED.equals(done.status())) {
                // Stopped between deleting the profile and recording that: the profile was the last step.
                done = done.completed(clock.instant());
                store.put(done);
            }
            return new Outcome(done, true);
        }
        Person person = finder.find(profile.get());
        ErasureDoc record = start(request, person);
        if (record.suppress()) {
            record = record.withSuppressed(suppressions.suppress(person.identifierKeys(), record.id()));
            store.put(record);
        }
        record = step(record, "identifiers", steps::identifierClaims, person);
        record = step(record, "claimPool", p -> steps.byProfile(names.claimPool(), "claim pool", p), person);
        record = step(record, "outboxPendingCancelled", p -> steps.outbox(p, true), person);
        record = step(record, "outbox", p -> steps.outbox(p, false), person);
        record = step(record, "deliveries", p -> steps.byProfile(names.deliveries(), "delivery log", p), person);
        record = step(record, "alerts", p -> steps.byProfile(names.alerts(), "alert", p), person);
        record = step(record, "stageChanges", p -> steps.byProfile(names.stageChanges(), "stage change", p), person);
        record = step(record, "interactions", p -> steps.byProfile(names.interactions(), "interaction", p), person);
        record = step(record, "redirects", steps::redirects, person);
        record = step(record, "merges", steps::merges, person);
        record = step(record, "profiles", steps::profiles, person);
        record = record.completed(clock.instant());
        store.put(record);
        log.info("Erased profile {} and {} merged into it: deleted {}, {} identifier(s) suppressed", id,
                person.mergedIds().size(), record.deleted(), record.suppressed());
        return new Outcome(record, false);
    }

    /** The record of an earlier, unfinished attempt is continued: its counts, actor and reason stay. */
    private ErasureDoc start(Request request, Person person) {
        Set<String> deliveredTo = new LinkedHashSet<>();
        Optional<ErasureDoc> earlier = store.ofProfile(request.profileId());
        earlier.ifPresent(e -> deliveredTo.addAll(e.deliveredTo()));
        for (OutboxDoc d : outbox.ofProfiles(person.profileIds())) {
            if (d.remoteId() != null || OutboxDoc.DELIVERED.equals(d.status())) {
                deliveredTo.add(d.destination());
            }
        }
        ErasureDoc record = earlier.map(e -> new ErasureDoc(e.id(), e.profileId(), person.mergedIds(), e.actor(),
                        e.reason(), e.suppress() || request.suppress(), ErasureDoc.IN_PROGRESS, e.requestedAt(), null,
                        e.deleted(), e.suppressed(), List.copyOf(deliveredTo)))
                .orElseGet(() -> new ErasureDoc(ErasureDoc.idOf(request.profileId()), request.profileId(),
                        person.mergedIds(), request.actor(), request.reason(), request.suppress(),
                        ErasureDoc.IN_PROGRESS, clock.instant(), null, null, 0, List.copyOf(deliveredTo)));
        store.put(record);
        if (earlier.isPresent()) {
            log.info("Continuing the unfinished erasure of profile {}", request.profileId());
        }
        return record;
    }

    private ErasureDoc step(ErasureDoc record, String kind, ToLongFunction<Person> step, Person person) {
        try {
            ErasureDoc next = record.plus(kind, step.applyAsLong(person));
            store.put(next);
            return next;
        } catch (ErasureSteps.Incomplete e) {
            store.put(record.plus(kind, e.deleted()));
            log.warn("Erasure of profile {} stopped at {}: {}", record.profileId(), kind, e.getMessage());
            throw e;
        }
    }
}
