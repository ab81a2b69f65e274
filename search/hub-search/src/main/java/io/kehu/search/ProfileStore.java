package io.kehu.search;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch._types.query_dsl.TextQueryType;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.kehu.api.domain.Profile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads profiles, their timelines and merge history for the API. Writes go through the ingest path. */
public final class ProfileStore {

    private final Documents docs;
    private final IndexNames names;

    public ProfileStore(Documents docs, IndexNames names) {
        this.docs = docs;
        this.names = names;
    }

    public Optional<Profile> get(String id) {
        return docs.get(names.profiles(), id, Profile.class).map(VersionedDoc::source);
    }

    /** State scope of the redirects a merge leaves behind: folded-in profile id to survivor id. */
    public static final String MERGED_INTO = "merged-into";

    /**
     * The profile a merged id now lives in, following chains of merges; empty when the id was
     * never merged. Reads the redirect by id, which is real-time: a merge written a moment ago is
     * already seen, unlike a search that waits for a refresh.
     */
    public Optional<String> survivorOf(String mergedId) {
        String current = mergedId;
        for (int hop = 0; hop < 32; hop++) {
            Optional<VersionedDoc<StateDoc>> next = docs.get(names.state(), StateDoc.id(MERGED_INTO, current), StateDoc.class);
            if (next.isEmpty()) {
                return current.equals(mergedId) ? Optional.empty() : Optional.of(current);
            }
            current = next.get().source().value();
        }
        return Optional.of(current);
    }

    public SearchPage<Profile> search(ProfileQuery q) {
        // The lifecycle's signal summary is for the rules, not for a result list.
        return search(q, Profile.class, "lifecycle");
    }

    /**
     * The same search, read as {@code type} with the {@code excludes} source fields left out: a result list
     * that shows each profile's stage reads the stored document without the lifecycle's bulky parts.
     */
    public <T> SearchPage<T> search(ProfileQuery q, Class<T> type, String... excludes) {
        Query query = query(q);
        SearchResponse<T> r = Documents.call(() -> docs.client().search(s -> s.index(names.profiles())
                .query(query)
                .source(src -> src.filter(f -> f.excludes(List.of(excludes))))
                .from(q.from()).size(q.size())
                .trackTotalHits(t -> t.enabled(true))
                .sort(o -> o.score(sc -> sc.order(SortOrder.Desc)))
                .sort(o -> o.field(f -> f.field("updatedAt").order(SortOrder.Desc))), type), names.profiles());
        long total = r.hits().total() == null ? r.hits().hits().size() : r.hits().total().value();
        return new SearchPage<>(total, r.hits().hits().stream().map(Hit::source).toList());
    }

    /** The query a profile search runs (its paging aside): an export walks every profile it matches. */
    public Query query(ProfileQuery q) {
        BoolQuery.Builder bool = new BoolQuery.Builder();
        List<Query> should = new ArrayList<>();
        if (q.phone() != null) {
            should.add(Query.of(x -> x.term(t -> t.field("phones").value(q.phone()).boost(10f))));
        }
        if (q.email() != null) {
            should.add(Query.of(x -> x.term(t -> t.field("emails").value(q.email()).boost(10f))));
        }
        if (q.text() != null && !q.text().isBlank()) {
            String text = q.text().trim();
            should.add(Query.of(x -> x.multiMatch(m -> m.query(text)
                    .fields("name^4", "names^3", "names.std^2", "company^2", "companies", "title", "region", "notes",
                            "namesSimplified^3", "companiesSimplified")
                    .type(TextQueryType.BestFields)
                    .operator(Operator.And))));
            if (q.simplified() != null && !q.simplified().equals(text)) {
                // Typed in traditional characters: also look for the simplified spelling the data may use.
                String simplified = q.simplified().trim();
                should.add(Query.of(x -> x.multiMatch(m -> m.query(simplified)
                        .fields("name^4", "names^3", "company^2", "companies")
                        .type(TextQueryType.BestFields)
                        .operator(Operator.And))));
                should.add(Query.of(x -> x.prefix(p -> p.field("names.keyword").value(simplified))));
            }
            should.add(Query.of(x -> x.prefix(p -> p.field("namesSimplified.keyword").value(text))));
            // Bigrams cannot find a name by its first character (张 in 张三): a prefix on the keyword can.
            should.add(Query.of(x -> x.prefix(p -> p.field("name.keyword").value(text).boost(2f))));
            should.add(Query.of(x -> x.prefix(p -> p.field("names.keyword").value(text))));
            should.add(Query.of(x -> x.term(t -> t.field("identifiers").value(text.toLowerCase(Locale.ROOT)))));
        }
        if (q.pinyin() != null) {
            // Spellings and initials of Chinese names, typed as a prefix: chenj and cj find 陈静.
            should.add(Query.of(x -> x.prefix(p -> p.field("namesPinyin").value(q.pinyin()).boost(1.5f))));
        }
        if (!should.isEmpty()) {
            bool.should(should).minimumShouldMatch("1");
        }
        if (!q.sources().isEmpty()) {
            bool.filter(f -> f.terms(t -> t.field("sources").terms(v -> v.value(values(q.sources())))));
        }
        for (String tag : q.tags()) {
            bool.filter(f -> f.term(t -> t.field("tags").value(tag)));
        }
        if (q.company() != null && !q.company().isBlank()) {
            bool.filter(f -> f.multiMatch(m -> m.query(q.company()).fields("company", "companies").operator(Operator.And)));
        }
        if (q.owner() != null && !q.owner().isBlank()) {
            bool.filter(f -> f.term(t -> t.field("owner").value(q.owner())));
        }
        return Query.of(x -> x.bool(bool.build()));
    }

    /** The newest interactions of a profile and of every profile merged into it. */
    public SearchPage<InteractionDoc> timeline(Profile profile, int from, int size) {
        List<String> ids = new ArrayList<>(profile.mergedFrom());
        ids.add(profile.id());
        SearchResponse<InteractionDoc> r = Documents.call(() -> docs.client().search(s -> s.index(names.interactions())
                .query(q -> q.terms(t -> t.field("profileId").terms(v -> v.value(values(ids)))))
                .from(from).size(Math.min(Math.max(size, 1), 500))
                .trackTotalHits(t -> t.enabled(true))
                .sort(o -> o.field(f -> f.field("occurredAt").order(SortOrder.Desc)))
                .sort(o -> o.field(f -> f.field("id").order(SortOrder.Asc))), InteractionDoc.class), names.interactions());
        long total = r.hits().total() == null ? r.hits().hits().size() : r.hits().total().value();
        return new SearchPage<>(total, r.hits().hits().stream().map(Hit::source).toList());
    }

    /** The stage changes of a profile and of every profile merged into it, newest first. */
    public List<StageChangeDoc> stageHistory(Profile profile, int size) {
        List<String> ids = new ArrayList<>(profile.mergedFrom());
        ids.add(profile.id());
        SearchResponse<StageChangeDoc> r = Documents.call(() -> docs.client().search(s -> s.index(names.stageChanges())
                .query(q -> q.terms(t -> t.field("profileId").terms(v -> v.value(values(ids)))))
                .size(Math.min(Math.max(size, 1), 500))
                .sort(o -> o.field(f -> f.field("at").order(SortOrder.Desc)))
                .sort(o -> o.field(f -> f.field("id").order(SortOrder.Asc))), StageChangeDoc.class), names.stageChanges());
        return r.hits().hits().stream().map(Hit::source).toList();
    }

    /** The merges a profile took part in, as survivor or as the one folded in, newest first. */
    public List<MergeDoc> mergesOf(String profileId) {
        SearchResponse<MergeDoc> r = Documents.call(() -> docs.client().search(s -> s.index(names.merges())
                .query(q -> q.bool(b -> b.should(x -> x.term(t -> t.field("survivor").value(profileId)))
                        .should(x -> x.term(t -> t.field("merged").value(profileId)))))
                .size(100)
                .sort(o -> o.field(f -> f.field("at").order(SortOrder.Desc))), MergeDoc.class), names.merges());
        return r.hits().hits().stream().map(Hit::source).toList();
    }

    public long count() {
        return Documents.call(() -> docs.client().count(c -> c.index(names.profiles())).count(), names.profiles());
    }

    static List<FieldValue> values(List<String> values) {
        return values.stream().map(FieldValue::of).toList();
    }
}
