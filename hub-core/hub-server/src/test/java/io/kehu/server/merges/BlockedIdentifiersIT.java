package io.kehu.server.merges;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import io.kehu.search.BulkWriter;
import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.search.testing.TestElasticsearch;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The run-time block list against the real node, as two hub nodes share it: each answers from memory, sees its
 * own changes at once and the other's after a re-read, and a restarted node loads what is stored.
 */
class BlockedIdentifiersIT {

    static ElasticsearchClient client;
    static IndexNames names;
    static Documents docs;

    @BeforeAll
    static void indices() {
        client = TestElasticsearch.client();
        names = TestElasticsearch.indices(BlockedIdentifiersIT.class);
        docs = new Documents(client);
    }

    @Test
    void eachNodeSeesItsOwnChangesAtOnceAndTheOthersAfterARead() {
        BlockedIdentifiers a = node();
        BlockedIdentifiers b = node();

        a.add("phone:+861088886666", "admin", "switchboard");
        BulkOperation viaUndo = a.addOperation("EMAIL:Info@Corp.CN", "sales", "linked the profiles of merge m-1");
        new BulkWriter(client).executeAll(List.of(viaUndo), true, "block list");
        a.written(List.of("EMAIL:Info@Corp.CN"));

        assertThat(a.keys()).containsExactlyInAnyOrder("phone:+861088886666", "email:info@corp.cn");
        assertThat(b.keys()).isEmpty();
        b.run();
        assertThat(b.keys()).containsExactlyInAnyOrder("phone:+861088886666", "email:info@corp.cn");

        assertThat(b.remove("phone:+861088886666")).isTrue();
        assertThat(b.remove("phone:+861088886666")).isFalse();
        assertThat(b.keys()).containsExactly("email:info@corp.cn");
        assertThat(b.list()).extracting(BlockedIdentifiers.Entry::key).containsExactly("email:info@corp.cn");
        assertThat(a.keys()).contains("phone:+861088886666");
        a.run();
        assertThat(a.keys()).containsExactly("email:info@corp.cn");
        // A restarted node loads what is in force.
        assertThat(node().keys()).containsExactly("email:info@corp.cn");
    }

    private static BlockedIdentifiers node() {
        BlockedIdentifiers blocked = new BlockedIdentifiers(docs, names, Clock.systemUTC());
        blocked.load();
        return blocked;
    }
}
