package io.kehu.server.merges;

import io.kehu.api.HubException;
import io.kehu.api.domain.IdentifierType;
import io.kehu.api.domain.Profile;
import io.kehu.search.MergeDoc;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Works out what undoing a merge writes, from what the store has: the snapshots of the folded-in profiles,
 * the survivor as it is now, and the snapshots of other profiles still folded into it. Pure, and repeatable
 * on its own output, so a repeat after a crash computes the same writes.
 *
 * <p>The survivor's state before the merge was never stored, so what the restored profiles brought is
 * taken out where the store can tell: identifiers, phones and e-mails exactly (by where each identifier
 * goes); names and companies a restored profile had, unless another profile still folded in had them too or
 * (companies) the survivor shows it as its own; the restored profile's notes. Sources, tags, attributes,
 * title, region and owner stay: people of one company share them, and the store cannot tell whose they were.
 */
final class UndoPlanner {

    private UndoPlanner() {
    }

    /**
     * Validates the choices and decides where each identifier of interest belongs: a restored profile's own
     * identifiers go back to it, the survivor keeps its own, unless a choice for a linking identifier says
     * otherwise ({@code block} leaves it with its owner before the merge).
     */
    static Map<String, String> owners(MergeDoc merge, Map<String, LinkingChoice> choices) {
        for (String key : choices.keySet()) {
            if (!merge.linkingIdentifiers().contains(key)) {
                throw new HubException(HubException.Kind.INVALID_INPUT, "'" + key
                        + "' did not link this merge; its linking identifiers are " + merge.linkingIdentifiers());
            }
        }
        Map<String, String> owners = new LinkedHashMap<>();
        for (String r : merge.merged()) {
            snapshot(merge, r).identifiers().forEach(k -> owners.putIfAbsent(k, r));
        }
        for (String key : merge.linkingIdentifiers()) {
            String before = owners.getOrDefault(key, merge.survivor());
            LinkingChoice c = choices.get(key);
            if (c == LinkingChoice.KEEP_SURVIVOR) {
                owners.put(key, merge.survivor());
            } else if (c == LinkingChoice.KEEP_RESTORED && before.equals(merge.survivor())) {
                if (merge.merged().size() != 1) {
                    throw new HubException(HubException.Kind.INVALID_INPUT, "keep-restored for '" + key
                            + "' is ambiguous: this merge folded in " + merge.merged().size() + " profiles");
                }
                owners.put(key, merge.merged().get(0));
            } else {
                owners.put(key, before);
            }
        }
        return owners;
    }

    /** The folded-in profiles as restored: their snapshots with the identifiers {@code owners} gives them. */
    static List<Profile> restored(MergeDoc merge, Map<String, String> owners, Instant now) {
        List<Profile> restored = new ArrayList<>();
        for (String r : merge.merged()) {
            restored.add(restore(snapshot(merge, r), owners, now));
        }
        return restored;
    }

    private static Profile restore(Profile snapshot, Map<String, String> owners, Instant now) {
        Ids ids = new Ids(snapshot);
        owners.forEach((key, owner) -> ids.assign(key, owner.equals(snapshot.id())));
        return new Profile(snapshot.id(), snapshot.name(), snapshot.names(), snapshot.company(), snapshot.companies(),
                snapshot.title(), snapshot.region(), ids.phones(), ids.emails(), ids.keys(), snapshot.sources(),
                snapshot.tags(), snapshot.notes(), snapshot.owner(), snapshot.attributes(), snapshot.mergedFrom(),
                snapshot.createdAt(), now, snapshot.lastInteractionAt());
    }

    /**
     * The survivor {@code s} (as it is now) without what the restored profiles brought.
     *
     * @param evidence snapshots of the profiles still folded into the survivor: values they had stay
     */
    static Profile survivor(MergeDoc merge, Map<String, String> owners, Profile s, Collection<Profile> evidence,
                            Instant now) {
        Set<String> mergedFrom = new TreeSet<>(s.mergedFrom());
        Set<String> names = new LinkedHashSet<>(s.names());
        Set<String> companies = new LinkedHashSet<>(s.companies());
        String notes = s.notes();
        for (String r : merge.merged()) {
            Profile snap = snapshot(merge, r);
            mergedFrom.remove(r);
            mergedFrom.removeAll(snap.mergedFrom());
            snap.names().stream().filter(n -> evidence.stream().noneMatch(e -> e.names().contains(n))).forEach(names::remove);
            snap.companies().stream().filter(c -> !c.equals(s.company())
                    && evidence.stream().noneMatch(e -> e.companies().contains(c))).forEach(companies::remove);
            notes = withoutParagraph(notes, snap.notes());
        }
        // A name the restored profile brought can only have become the survivor's when it had none of its own.
        String name = s.name() != null && !names.contains(s.name()) ? names.stream().findFirst().orElse(null) : s.name();
        Ids ids = new Ids(s);
        owners.forEach((key, owner) -> ids.assign(key, owner.equals(s.id())));
        return new Profile(s.id(), name, List.copyOf(names), s.company(), List.copyOf(companies), s.title(), s.region(),
                ids.phones(), ids.emails(), ids.keys(), s.sources(), s.tags(), notes, s.owner(), s.attributes(),
                List.copyOf(mergedFrom), s.createdAt(), now, s.lastInteractionAt());
    }

    /** Notes are joined by line breaks when profiles merge: the restored profile's block is taken out again. */
    static String withoutParagraph(String notes, String paragraph) {
        if (notes == null || paragraph == null || paragraph.isBlank()) {
            return notes;
        }
        if (notes.equals(paragraph)) {
            return null;
        }
        String out = notes.replace("\n" + paragraph, "");
        if (out.equals(notes) && notes.startsWith(paragraph + "\n")) {
            out = notes.substring(paragraph.length() + 1);
        }
        return out;
    }

    private static Profile snapshot(MergeDoc merge, String id) {
        Profile p = merge.snapshots() == null ? null : merge.snapshots().get(id);
        if (p == null) {
            throw new MergeUndoException("Merge " + merge.id() + " has no snapshot of profile " + id
                    + ", so it cannot be restored");
        }
        return p;
    }

    /** A profile's identifier keys with the phones and e-mails they carry, as identifiers come and go. */
    private static final class Ids {
        private final Set<String> keys;
        private final Set<String> phones;
        private final Set<String> emails;

        Ids(Profile p) {
            keys = new TreeSet<>(p.identifiers());
            phones = new TreeSet<>(p.phones());
            emails = new TreeSet<>(p.emails());
        }

        void assign(String key, boolean mine) {
            int colon = key.indexOf(':');
            IdentifierType type = IdentifierType.fromPrefix(key.substring(0, colon));
            Set<String> values = type == IdentifierType.PHONE ? phones : type == IdentifierType.EMAIL ? emails : null;
            if (mine) {
                keys.add(key);
                if (values != null) {
                    values.add(key.substring(colon + 1));
                }
            } else if (keys.remove(key) && values != null) {
                values.remove(key.substring(colon + 1));
            }
        }

        List<String> keys() {
            return List.copyOf(keys);
        }

        List<String> phones() {
            return List.copyOf(phones);
        }

        List<String> emails() {
            return List.copyOf(emails);
        }
    }
}
