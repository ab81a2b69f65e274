package io.kehu.server.ingest;

import io.kehu.api.domain.Identifier;
import io.kehu.api.domain.IdentifierType;
import io.kehu.api.domain.Interaction;
import io.kehu.api.domain.Lead;
import io.kehu.api.domain.Profile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Folds profiles and records into one profile. Pure and idempotent: applying the same record
 * twice gives the same profile, which makes at-least-once delivery harmless.
 */
final class ProfileMerger {

    /** Keeps a profile from growing without bound when a shared identifier attracts many spellings. */
    static final int MAX_VALUES = 50;

    private ProfileMerger() {
    }

    /**
     * @param id       the resulting profile's id
     * @param base     the surviving profile, or null for a new one
     * @param absorbed profiles folded into it
     * @param records  the batch's records for this person
     */
    static Profile merge(String id, Profile base, Collection<Profile> absorbed, List<NormalizedRecord> records, Instant now) {
        Acc a = new Acc();
        Instant createdAt = null;
        if (base != null) {
            a.add(base);
            createdAt = base.createdAt();
        }
        for (Profile p : absorbed) {
            a.add(p);
            a.mergedFrom.add(p.id());
            a.mergedFrom.addAll(p.mergedFrom());
            createdAt = min(createdAt, p.createdAt());
        }
        List<NormalizedRecord> ordered = new ArrayList<>(records);
        ordered.sort(Comparator.comparing(r -> observed(r.record().lead(), now)));
        for (NormalizedRecord r : ordered) {
            a.add(r.record().lead(), r.identifiers(), r.record().interaction());
            createdAt = min(createdAt, observed(r.record().lead(), now));
        }
        a.mergedFrom.remove(id);
        return new Profile(id, a.name, list(a.names), a.company, list(a.companies), a.title, a.region,
                list(a.phones), list(a.emails), list(a.identifiers), list(a.sources), list(a.tags), a.notes,
                a.owner, a.attributes, List.copyOf(a.mergedFrom), createdAt == null ? now : createdAt, now,
                a.lastInteractionAt);
    }

    private static Instant observed(Lead lead, Instant now) {
        return lead.observedAt() == null ? now : lead.observedAt();
    }

    private static Instant min(Instant a, Instant b) {
        return a == null ? b : b == null ? a : (a.isBefore(b) ? a : b);
    }

    private static List<String> list(Set<String> s) {
        return s.stream().limit(MAX_VALUES).toList();
    }

    /** Mutable accumulator; names and companies keep the first seen as the primary value. */
    private static final class Acc {
        String name;
        String company;
        String title;
        String region;
        String notes;
        String owner;
        Instant lastInteractionAt;
        final Set<String> names = new LinkedHashSet<>();
        final Set<String> companies = new LinkedHashSet<>();
        final Set<String> phones = new java.util.TreeSet<>();
        final Set<String> emails = new java.util.TreeSet<>();
        final Set<String> identifiers = new java.util.TreeSet<>();
        final Set<String> sources = new LinkedHashSet<>();
        final Set<String> tags = new LinkedHashSet<>();
        final Set<String> mergedFrom = new java.util.TreeSet<>();
        final Map<String, String> attributes = new LinkedHashMap<>();

        void add(Profile p) {
            name = first(name, p.name());
            company = first(company, p.company());
            title = first(title, p.title());
            region = first(region, p.region());
            owner = first(owner, p.owner());
            notes = appendNotes(notes, p.notes());
            names.addAll(p.names());
            companies.addAll(p.companies());
            phones.addAll(p.phones());
            emails.addAll(p.emails());
            identifiers.addAll(p.identifiers());
            sources.addAll(p.sources());
            tags.addAll(p.tags());
            p.attributes().forEach(attributes::putIfAbsent);
            mergedFrom.addAll(p.mergedFrom());
            lastInteractionAt = max(lastInteractionAt, p.lastInteractionAt());
        }

        void add(Lead lead, List<Identifier> ids, Interaction interaction) {
            name = first(name, trim(lead.name()));
            company = first(company, trim(lead.company()));
            // Role, region and owner change over time: the newest record wins.
            title = latest(title, trim(lead.title()));
            region = latest(region, trim(lead.region()));
            owner = latest(owner, trim(lead.owner()));
            notes = appendNotes(notes, trim(lead.notes()));
            addIfPresent(names, lead.name());
            addIfPresent(companies, lead.company());
            addIfPresent(sources, lead.source());
            lead.tags().forEach(t -> addIfPresent(tags, t));
            attributes.putAll(lead.attributes());
            for (Identifier i : ids) {
                identifiers.add(i.key());
                if (i.type() == IdentifierType.PHONE) {
                    phones.add(i.value());
                } else if (i.type() == IdentifierType.EMAIL) {
                    emails.add(i.value());
                }
            }
            if (interaction != null) {
                lastInteractionAt = max(lastInteractionAt, interaction.occurredAt());
            }
        }

        private static String first(String current, String candidate) {
            return current != null ? current : candidate;
        }

        private static String latest(String current, String candidate) {
            return candidate != null ? candidate : current;
        }

        private static String trim(String s) {
            return s == null || s.isBlank() ? null : s.trim();
        }

        private static void addIfPresent(Set<String> set, String value) {
            if (value != null && !value.isBlank()) {
                set.add(value.trim());
            }
        }

        private static String appendNotes(String current, String more) {
            if (more == null || more.isBlank()) {
                return current;
            }
            if (current == null) {
                return more;
            }
            return current.contains(more) ? current : current + "\n" + more;
        }

        private static Instant max(Instant a, Instant b) {
            return a == null ? b : b == null ? a : (a.isAfter(b) ? a : b);
        }
    }

    /** True when {@code after} differs from {@code before} in nothing but its update time: no write needed. */
    static boolean unchanged(Profile before, Profile after) {
        Profile same = new Profile(after.id(), after.name(), after.names(), after.company(), after.companies(),
                after.title(), after.region(), after.phones(), after.emails(), after.identifiers(), after.sources(),
                after.tags(), after.notes(), after.owner(), after.attributes(), after.mergedFrom(), after.createdAt(),
                before.updatedAt(), after.lastInteractionAt());
        return Objects.equals(before, same);
    }
}
