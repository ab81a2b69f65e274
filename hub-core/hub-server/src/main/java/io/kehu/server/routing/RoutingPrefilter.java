package io.kehu.server.routing;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.kehu.server.lifecycle.StoredProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the routing rules' conditions into an Elasticsearch filter, so that a routing run fetches only the
 * profiles some rule could match instead of every changed profile. The filter may let through more than
 * the rules match (the engine decides), never less: a condition the index cannot answer exactly (text
 * analysed for search, attributes not indexed, "not" of an inexact part) becomes "any profile".
 */
final class RoutingPrefilter {

    /** Keyword and number fields of the profiles index, by the rule path that reads them. */
    private static final Map<String, String> EXACT_FIELDS = Map.ofEntries(
            Map.entry("id", "id"), Map.entry("owner", "owner"),
            Map.entry("stage", StoredProfile.FIELD + ".stage"), Map.entry("tier", StoredProfile.FIELD + ".tier"),
            Map.entry("phones", "phones"), Map.entry("phone", "phones"),
            Map.entry("emails", "emails"), Map.entry("email", "emails"),
            Map.entry("tags", "tags"), Map.entry("tag", "tags"),
            Map.entry("sources", "sources"), Map.entry("source", "sources"),
            Map.entry("fit", StoredProfile.FIELD + ".fit"),
            Map.entry("engagement", StoredProfile.FIELD + ".engagement"),
            Map.entry("combined", StoredProfile.FIELD + ".combined"),
            Map.entry("createdAt", "createdAt"), Map.entry("lastInteractionAt", "lastInteractionAt"));

    /** Fields indexed for search, where a value's presence is all the index can tell. */
    private static final Map<String, String> TEXT_FIELDS = Map.of("name", "name", "company", "company",
            "title", "title", "region", "region");

    /** @param query null for "any profile"; {@code exact} when it matches what the condition matches */
    record Filter(Query query, boolean exact) {
        static final Filter ANY = new Filter(null, false);

        boolean any() {
            return query == null;
        }
    }

    private RoutingPrefilter() {
    }

    /** The filter for profiles that at least one of the conditions could match; empty for "any profile". */
    static Optional<Query> anyOf(List<Condition> conditions) {
        List<Query> parts = new ArrayList<>();
        for (Condition c : conditions) {
            Filter f = filter(c);
            if (f.any()) {
                return Optional.empty();
            }
            parts.add(f.query());
        }
        if (parts.isEmpty()) {
            // No enabled rule: nothing can be routed.
            return Optional.of(Query.of(q -> q.matchNone(m -> m)));
        }
        return Optional.of(parts.size() == 1 ? parts.get(0)
                : Query.of(q -> q.bool(b -> b.should(parts).minimumShouldMatch("1"))));
    }

    static Filter filter(Condition condition) {
        // Java 17: no pattern switch yet.
        if (condition instanceof Condition.All all) {
            return all(all.conditions());
        }
        if (condition instanceof Condition.Any any) {
            return any(any.conditions());
        }
        if (condition instanceof Condition.Not not) {
            Filter inner = filter(not.condition());
            return inner.exact() && !inner.any()
                    ? new Filter(Query.of(q -> q.bool(b -> b.mustNot(inner.query()))), true) : Filter.ANY;
        }
        if (condition instanceof Condition.Text text) {
            return text(text);
        }
        if (condition instanceof Condition.Number number) {
            return number(number);
        }
        return present((Condition.Present) condition);
    }

    private static Filter all(List<Condition> conditions) {
        List<Query> must = new ArrayList<>();
        boolean exact = true;
        for (Condition c : conditions) {
            Filter f = filter(c);
            exact &= f.exact();
            if (!f.any()) {
                must.add(f.query());
            }
        }
        if (must.isEmpty()) {
            // The empty condition matches every profile, exactly so.
            return conditions.isEmpty() ? new Filter(null, true) : Filter.ANY;
        }
        return new Filter(Query.of(q -> q.bool(b -> b.filter(must))), exact);
    }

    private static Filter any(List<Condition> conditions) {
        List<Query> should = new ArrayList<>();
        boolean exact = true;
        for (Condition c : conditions) {
            Filter f = filter(c);
            if (f.any()) {
                return Filter.ANY;
            }
            exact &= f.exact();
            should.add(f.query());
        }
        return should.isEmpty() ? Filter.ANY
                : new Filter(Query.of(q -> q.bool(b -> b.should(should).minimumShouldMatch("1"))), exact);
    }

    private static Filter text(Condition.Text c) {
        String field = EXACT_FIELDS.get(c.path());
        if (field == null) {
            return Filter.ANY;
        }
        // Rules compare text ignoring case, so the terms do too.
        List<Query> each = c.values().stream().map(v -> switch (c.op()) {
            case ANY, ALL, NONE -> Query.of(q -> q.term(t -> t.field(field).value(v).caseInsensitive(true)));
            case PREFIX -> Query.of(q -> q.prefix(p -> p.field(field).value(v).caseInsensitive(true)));
            case CONTAINS -> Query.of(q -> q.wildcard(w -> w.field(field).value("*" + escape(v) + "*")
                    .caseInsensitive(true)));
        }).toList();
        Query query = switch (c.op()) {
            case ALL -> Query.of(q -> q.bool(b -> b.filter(each)));
            case NONE -> Query.of(q -> q.bool(b -> b.mustNot(each)));
            default -> Query.of(q -> q.bool(b -> b.should(each).minimumShouldMatch("1")));
        };
        return new Filter(query, true);
    }

    private static Filter number(Condition.Number c) {
        String field = EXACT_FIELDS.get(c.path());
        if (field == null) {
            return Filter.ANY;
        }
        double v = c.bound();
        Query query = switch (c.op()) {
            case GT -> Query.of(q -> q.range(r -> r.number(n -> n.field(field).gt(v))));
            case GTE -> Query.of(q -> q.range(r -> r.number(n -> n.field(field).gte(v))));
            case LT -> Query.of(q -> q.range(r -> r.number(n -> n.field(field).lt(v))));
            case LTE -> Query.of(q -> q.range(r -> r.number(n -> n.field(field).lte(v))));
            case EQ -> Query.of(q -> q.range(r -> r.number(n -> n.field(field).gte(v).lte(v))));
        };
        return new Filter(query, true);
    }

    private static Filter present(Condition.Present c) {
        String exact = EXACT_FIELDS.get(c.path());
        String text = TEXT_FIELDS.get(c.path());
        if (exact != null) {
            Query exists = Query.of(q -> q.exists(e -> e.field(exact)));
            return new Filter(c.present() ? exists : Query.of(q -> q.bool(b -> b.mustNot(exists))), true);
        }
        if (text != null && c.present()) {
            // A blank text is absent to the rules but may exist in the index: more, never fewer.
            return new Filter(Query.of(q -> q.exists(e -> e.field(text))), false);
        }
        return Filter.ANY;
    }

    private static String escape(String v) {
        return v.replace("\\", "\\\\").replace("*", "\\*").replace("?", "\\?");
    }
}
