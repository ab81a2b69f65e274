package io.kehu.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.kehu.api.domain.Identifier;
import io.kehu.api.domain.Lead;
import io.kehu.api.domain.SourceRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordGrouperTest {

    @Test
    void groupsRecordsTransitivelyBySharedIdentifier() {
        NormalizedRecord a = rec("a", Identifier.phone("+8613912345678"));
        NormalizedRecord b = rec("b", Identifier.email("x@y.cn"));
        NormalizedRecord c = rec("c", Identifier.phone("+8613912345678"), Identifier.email("x@y.cn"));
        NormalizedRecord d = rec("d", Identifier.phone("+8613712345678"));

        List<List<NormalizedRecord>> groups = RecordGrouper.group(List.of(a, b, c, d));

        assertThat(groups).hasSize(2);
        assertThat(groups.get(0)).containsExactly(a, b, c);
        assertThat(groups.get(1)).containsExactly(d);
    }

    @Test
    void keepsUnrelatedRecordsApart() {
        List<List<NormalizedRecord>> groups = RecordGrouper.group(List.of(
                rec("a", Identifier.phone("+8613912345678")), rec("b", Identifier.phone("+8613912345679"))));

        assertThat(groups).hasSize(2);
    }

    static NormalizedRecord rec(String key, Identifier... ids) {
        Lead lead = new Lead(null, null, null, null, List.of(ids), null, null, null, null, Map.of(), null);
        return new NormalizedRecord(new SourceRecord(key, key, lead, null), List.of(ids));
    }
}
