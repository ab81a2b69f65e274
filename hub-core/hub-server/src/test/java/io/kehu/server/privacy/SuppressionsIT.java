package io.kehu.server.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.kehu.api.domain.Identifier;
import io.kehu.search.BulkWriter;
import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.search.PointInTimeScan;
import io.kehu.search.StateDoc;
import io.kehu.search.testing.TestElasticsearch;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The suppression set against the real node, as two hub nodes share it: each holds it in memory, sees its own
 * changes at once and the other's after a re-read; the generated salt is stored once and used by both.
 */
class SuppressionsIT {

    static final Identifier PHONE = Identifier.phone("+8613912345678");
    static final Identifier EMAIL = Identifier.email("zhang.san@example.cn");

    static ElasticsearchClient client;
    static IndexNames names;
    static Documents docs;

    @BeforeAll
    static void indices() {
        client = TestElasticsearch.client();
        names = TestElasticsearch.indices(SuppressionsIT.class);
        docs = new Documents(client);
    }

    @Test
    void aGeneratedSaltIsStoredOnceAndSharedByEveryNode() {
        IdentifierHashes first = IdentifierHashes.configure("", docs, names, Clock.systemUTC());
        IdentifierHashes second = IdentifierHashes.configure(null, docs, names, Clock.systemUTC());
        IdentifierHashes configured = IdentifierHashes.configure("set-by-ops", docs, names, Clock.systemUTC());

        assertThat(second.hash(PHONE.key())).isEqualTo(first.hash(PHONE.key()));
        assertThat(first.hash(PHONE.key())).isNotEqualTo(first.hash(EMAIL.key())).hasSize(64)
                .doesNotContain("13912345678");
        assertThat(configured.hash(PHONE.key())).isNotEqualTo(first.hash(PHONE.key()));
        assertThat(docs.get(names.state(), StateDoc.id(IdentifierHashes.SCOPE, IdentifierHashes.KEY), StateDoc.class))
                .isPresent();
    }

    @Test
    void eachNodeSeesItsOwnChangesAtOnceAndTheOthersAfterARead() {
        IdentifierHashes hashes = IdentifierHashes.configure("shared-salt", docs, names, Clock.systemUTC());
        Suppressions a = node(hashes);
        Suppressions b = node(hashes);
        assertThat(a.suppressed(List.of(PHONE))).isFalse();

        assertThat(a.suppress(List.of(PHONE.key(), EMAIL.key(), PHONE.key()), "erasure-p-1")).isEqualTo(2);

        assertThat(a.suppressed(List.of(Identifier.phone("+8613800000001"), EMAIL))).isTrue();
        assertThat(b.suppressed(List.of(EMAIL))).isFalse();
        b.run();
        assertThat(b.suppressed(List.of(EMAIL))).isTrue();
        assertThat(b.size()).isEqualTo(2);

        assertThat(b.lift(EMAIL)).isTrue();
        assertThat(b.lift(EMAIL)).isFalse();
        assertThat(b.suppressed(List.of(EMAIL))).isFalse();
        assertThat(b.suppressed(List.of(PHONE))).isTrue();
        assertThat(a.suppressed(List.of(EMAIL))).isTrue();
        a.run();
        assertThat(a.suppressed(List.of(EMAIL))).isFalse();
        assertThat(a.suppressed(List.of(PHONE))).isTrue();
        // A restarted node loads what is in force.
        assertThat(node(hashes).size()).isEqualTo(1);
    }

    private static Suppressions node(IdentifierHashes hashes) {
        Suppressions s = new Suppressions(hashes, new PointInTimeScan(client), new BulkWriter(client), names,
                Clock.systemUTC());
        s.load();
        return s;
    }
}
