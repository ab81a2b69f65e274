package io.kehu.server.duplicates;

import io.kehu.api.HubException;
import io.kehu.api.domain.Identifier;
import io.kehu.api.domain.IdentifierType;
import io.kehu.api.domain.Interaction;
import io.kehu.api.domain.Lead;
import io.kehu.api.domain.Profile;
import io.kehu.api.domain.SourceRecord;
import io.kehu.api.spi.IngestResult;
import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.search.MergeDoc;
import io.kehu.search.ProfileStore;
import io.kehu.search.VersionedDoc;
import io.kehu.server.connectors.ConnectorTypes;
import io.kehu.server.connectors.NotFoundException;
import io.kehu.server.identity.IdentifierNormalizer;
import io.kehu.server.identity.NormalizationResult;
import io.kehu.server.ingest.IngestService;
import io.kehu.server.ingest.MergeIds;
import io.kehu.server.merges.NeverMergePairs;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges two profiles a person judged to be one (合并), through the one ingest path: it submits a record from the
 * hub-owned connector {@value #CONNECTOR} that carries one usable identifier of each profile, so identity
 * resolution merges them exactly as a linking record would (survivor rules, merge record with snapshots and
 * linking identifiers, claims, lifecycle, routing's carry-over), and the merge is undone like any other.
 */
public final class ManualMerge {

    /** The connector id the synthetic records come from; no plugin instance is involved. */
    public static final String CONNECTOR = ConnectorTypes.MANUAL_MERGES;
    private static final Logger log = LoggerFactory.getLogger(ManualMerge.class);

    private final IngestService ingest;
    private final ProfileStore profiles;
    private final Documents docs;
    private final IndexNames names;
    private final NeverMergePairs pairs;
    private final IdentifierNormalizer normalizer;
    private final Clock clock;

    public ManualMerge(IngestService ingest, ProfileStore profiles, Documents docs, IndexNames names,
                       NeverMergePairs pairs, IdentifierNormalizer normalizer, Clock clock) {
        this.ingest = ingest;
        this.profiles = profiles;
        this.docs = docs;
        this.names = names;
        this.pairs = pairs;
        this.normalizer = normalizer;
        this.clock = clock;
    }

    /** What the merge did: the profile kept, the one folded in, and the merge record's id (for an undo). */
    public record Outcome(String survivor, String merged, String mergeId, List<String> linkingIdentifiers) {
    }

    /** Refused: a never-merge pair, or a profile merged away already; answered with 409. */
    public static final class Refused extends HubException {
        public Refused(String message) {
            super(Kind.CONFIGURATION, message);
        }
    }

    /** A profile with no identifier left that could link it; answered with 422. */
    public static final class NoIdentifier extends RuntimeException {
        public NoIdentifier(String message) {
            super(message);
        }
    }

    /**
     * @param owner when not null, the salesperson's data scope: a profile of another owner answers 404
     * @param by    the API key's name, written on the timeline
     */
    public Outcome merge(String id, String with, String reason, String owner, String by) {
        if (with == null || with.isBlank() || with.equals(id)) {
            throw new IllegalArgumentException("with must name another profile");
        }
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw new IllegalArgumentException("reason is required (at most 500 characters): why the two are one person");
        }
        Profile a = live(id, owner);
        Profile b = live(with, owner);
        if (!pairs.amongEach(List.of(List.of(a.id(), b.id()))).isEmpty()) {
            throw new Refused("Profiles " + a.id() + " and " + b.id() + " were split apart (never-merge pair); an admin "
                    + "removes the pair first (DELETE /api/v1/identity/never-merge?a=…&b=…)");
        }
        Identifier linkA = usable(a);
        Identifier linkB = usable(b);
        String first = a.id().compareTo(b.id()) <= 0 ? a.id() : b.id();
        String second = first.equals(a.id()) ? b.id() : a.id();
        String key = "manual-merge:" + first + ":" + second;
        Interaction note = new Interaction(key, "merge", CONNECTOR, clock.instant(), "merged by " + by + ": " + reason.strip(),
                Map.of("profiles", first + "," + second, "by", by));
        Lead lead = new Lead(null, null, null, null, List.of(linkA, linkB), null, null, null, null, null, null);
        IngestResult result = ingest.submit(CONNECTOR, List.of(new SourceRecord(key, "manual merge", lead, note)));
        if (!result.rejected().isEmpty()) {
            throw new Refused("The merge was refused: " + result.rejected().get(0).reason());
        }
        return outcome(a.id(), b.id(), key);
    }

    /** The profile as it stands; 409 when it was merged away, 404 when it never existed or is out of scope. */
    private Profile live(String id, String owner) {
        Optional<Profile> p = profiles.get(id);
        if (p.isEmpty()) {
            Optional<String> survivor = profiles.survivorOf(id);
            if (survivor.isPresent() && visible(survivor.get(), owner)) {
                throw new Refused("Profile " + id + " was already merged into " + survivor.get());
            }
            throw new NotFoundException("No profile with id " + id);
        }
        if (owner != null && !owner.equals(p.get().owner())) {
            throw new NotFoundException("No profile with id " + id);
        }
        return p.get();
    }

    private boolean visible(String id, String owner) {
        return owner == null || profiles.get(id).map(p -> owner.equals(p.owner())).orElse(false);
    }

    /** The profile's first identifier that may still link (not blocked since), phones first, then e-mails … */
    private Identifier usable(Profile p) {
        return p.identifiers().stream().map(ManualMerge::parse).flatMap(Optional::stream)
                .sorted(Comparator.comparing(Identifier::type))
                .map(normalizer::normalize).filter(NormalizationResult::ok).map(NormalizationResult::normalized)
                .findFirst()
                .orElseThrow(() -> new NoIdentifier("Profile " + p.id() + " has no identifier that may link it (all "
                        + "blocked or none kept), so the hub cannot merge it; add a phone or e-mail to it first"));
    }

    private static Optional<Identifier> parse(String key) {
        int colon = key.indexOf(':');
        if (colon < 1) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Identifier(IdentifierType.fromPrefix(key.substring(0, colon)), key.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Outcome outcome(String a, String b, String key) {
        boolean aLives = profiles.get(a).isPresent();
        boolean bLives = profiles.get(b).isPresent();
        if (aLives == bLives) {
            // Both alive: resolution kept them apart (a never-merge pair recorded meanwhile); neither: a third profile took both.
            throw new Refused("Profiles " + a + " and " + b + " were not merged into one another; look at both again");
        }
        String survivor = aLives ? a : b;
        String merged = aLives ? b : a;
        MergeDoc doc = docs.get(names.merges(), MergeIds.of(survivor, List.of(merged)), MergeDoc.class).map(VersionedDoc::source)
                .orElseThrow(() -> new Refused("Profile " + merged + " was merged into " + survivor + " by another record"));
        // The list of suspects is a search: refreshed, so the console's redraw after a merge no longer shows the pair.
        Documents.call(() -> docs.client().indices().refresh(r -> r.index(names.profiles())), names.profiles());
        log.info("Manual merge {}: profile {} folded into {} (record {})", doc.id(), merged, survivor, key);
        return new Outcome(survivor, merged, doc.id(), doc.linkingIdentifiers());
    }
}
