package io.kehu.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadHashTest {

    @Test
    void sameFieldsInAnyOrderHaveTheSameHash() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("LastName", "陈");
        a.put("Company", "蓝心软件");
        a.put("Tags", List.of("SaaS", "决策人"));
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("Tags", List.of("SaaS", "决策人"));
        b.put("Company", "蓝心软件");
        b.put("LastName", "陈");

        assertThat(PayloadHash.of(a, "005xx1")).isEqualTo(PayloadHash.of(b, "005xx1"));
    }

    @Test
    void aChangedValueOrOwnerChangesTheHash() {
        Map<String, Object> fields = Map.of("Email", "chen.jing@lanxin-soft.cn");

        assertThat(PayloadHash.of(fields, "u1")).isNotEqualTo(PayloadHash.of(Map.of("Email", "chen@lanxin-soft.cn"), "u1"));
        assertThat(PayloadHash.of(fields, "u1")).isNotEqualTo(PayloadHash.of(fields, "u2"));
        assertThat(PayloadHash.of(fields, "u1")).isNotEqualTo(PayloadHash.of(fields, null));
    }

    @Test
    void datesAndTheirIsoTextAreTheSamePayloadAsAfterAStoreRoundTrip() {
        Instant at = Instant.parse("2026-11-23T08:30:00Z");
        Map<String, Object> normalized = PayloadHash.normalize(Map.of("CreatedAt", at, "Score", 72));

        assertThat(normalized).containsEntry("CreatedAt", "2026-11-23T08:30:00Z").containsEntry("Score", 72);
        assertThat(PayloadHash.of(Map.of("CreatedAt", at), null))
                .isEqualTo(PayloadHash.of(Map.of("CreatedAt", "2026-11-23T08:30:00Z"), null));
    }

    @Test
    void aNullValueIsTheSameAsNoValue() {
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("LastName", "王");
        withNull.put("Phone", null);

        assertThat(PayloadHash.normalize(withNull)).containsOnlyKeys("LastName");
        assertThat(PayloadHash.of(withNull, "u1")).isEqualTo(PayloadHash.of(Map.of("LastName", "王"), "u1"));
    }
}
