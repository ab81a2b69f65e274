package io.kehu.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.kehu.api.domain.Identifier;
import io.kehu.api.domain.Lead;
import io.kehu.api.domain.Profile;
import io.kehu.api.domain.SourceRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileMergerTest {

    private static final Instant T1 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T2 = Instant.parse("2026-02-01T00:00:00Z");

    @Test
    void keepsFirstNameAndCompanyButTakesNewestTitleAndUnitesIdentifiers() {
        NormalizedRecord older = rec("a", "张伟", "华信", "经理", T1, Identifier.phone("+8613912345678"));
        NormalizedRecord newer = rec("b", "Zhang Wei", "Huaxin", "总监", T2, Identifier.email("z@huaxin-tech.cn"));

        Profile p = ProfileMerger.merge("p1", null, List.of(), List.of(newer, older), T2);

        assertThat(p.name()).isEqualTo("张伟");
        assertThat(p.names()).containsExactly("张伟", "Zhang Wei");
        assertThat(p.company()).isEqualTo("华信");
        assertThat(p.title()).isEqualTo("总监");
        assertThat(p.phones()).containsExactly("+8613912345678");
        assertThat(p.emails()).containsExactly("z@huaxin-tech.cn");
        assertThat(p.identifiers()).containsExactly("email:z@huaxin-tech.cn", "phone:+8613912345678");
        assertThat(p.createdAt()).isEqualTo(T1);
    }

    @Test
    void foldingInAProfileRecordsItAndItsOwnMergedIds() {
        Profile base = ProfileMerger.merge("p1", null, List.of(), List.of(rec("a", "甲", null, null, T1, Identifier.phone("+8613912345678"))), T1);
        Profile other = new Profile("p2", "乙", List.of("乙"), null, List.of(), null, null, List.of(), List.of("y@z.cn"),
                List.of("email:y@z.cn"), List.of(), List.of(), null, null, Map.of(), List.of("p0"), T2, T2, null);

        Profile merged = ProfileMerger.merge("p1", base, List.of(other), List.of(), T2);

        assertThat(merged.mergedFrom()).containsExactly("p0", "p2");
        assertThat(merged.identifiers()).contains("email:y@z.cn", "phone:+8613912345678");
        assertThat(merged.names()).containsExactly("甲", "乙");
    }

    @Test
    void applyingTheSameRecordAgainChangesNothing() {
        NormalizedRecord r = rec("a", "张伟", "华信", null, T1, Identifier.phone("+8613912345678"));
        Profile once = ProfileMerger.merge("p1", null, List.of(), List.of(r), T1);

        Profile twice = ProfileMerger.merge("p1", once, List.of(), List.of(r), T2);

        assertThat(ProfileMerger.unchanged(once, twice)).isTrue();
        Profile changed = ProfileMerger.merge("p1", once, List.of(),
                List.of(rec("b", null, null, null, T2, Identifier.email("n@huaxin-tech.cn"))), T2);
        assertThat(ProfileMerger.unchanged(once, changed)).isFalse();
    }

    private static NormalizedRecord rec(String key, String name, String company, String title, Instant at, Identifier... ids) {
        Lead lead = new Lead(name, company, title, null, List.of(ids), "test", List.of(), null, null, Map.of(), at);
        return new NormalizedRecord(new SourceRecord(key, key, lead, null), List.of(ids));
    }
}
