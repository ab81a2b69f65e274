package io.kehu.server.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.kehu.api.domain.Profile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.kehu.server.lifecycle.LifecycleFixtures.DEFAULTS;
import static io.kehu.server.lifecycle.LifecycleFixtures.NOW;
import static io.kehu.server.lifecycle.LifecycleFixtures.daysAgo;
import static io.kehu.server.lifecycle.LifecycleFixtures.interaction;
import static org.assertj.core.api.Assertions.assertThat;

class StoredProfileTest {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final Profile profile = LifecycleFixtures.profile("王芳", "远景能源", "采购经理", "上海",
            List.of("+8613912345678"), List.of("wang.fang@example.cn"), Map.of("industry", "制造"));

    @Test
    void profileFieldsStayAtTheTopLevelWithTheLifecycleBesideThem() throws Exception {
        LifecycleCalculator calc = new LifecycleCalculator(DEFAULTS);
        ProfileLifecycle l = calc.ingest(profile, calc.initial(daysAgo(3), true), List.of(),
                List.of(interaction("reply", "wecom", daysAgo(2), Map.of("sentiment", "positive"))), NOW).lifecycle();
        StoredProfile stored = new StoredProfile(profile, l);

        JsonNode tree = json.readTree(json.writeValueAsString(stored));

        assertThat(tree.path("id").asText()).isEqualTo("p1");
        assertThat(tree.path("phones").get(0).asText()).isEqualTo("+8613912345678");
        assertThat(tree.path("lifecycle").path("stage").asText()).isEqualTo("engaged");
        assertThat(tree.path("lifecycle").path("signals").path("engagement").has("reply@wecom")).isTrue();
        assertThat(tree.path("namesPinyin")).extracting(JsonNode::asText).containsExactly("wangfang", "wf");
        // Read back by a strict mapper: the pinyin keys are dropped, not taken for unknown profile fields.
        assertThat(json.readValue(json.writeValueAsString(stored), StoredProfile.class)).isEqualTo(stored);
        // A reader of plain profiles skips the lifecycle when told to ignore unknown fields.
        assertThat(json.copy().configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .treeToValue(tree, Profile.class)).isEqualTo(profile);
    }

    @Test
    void aProfileStoredBeforeLifecyclesReadsWithoutOne() throws Exception {
        StoredProfile stored = json.readValue(json.writeValueAsString(profile), StoredProfile.class);

        assertThat(stored.profile()).isEqualTo(profile);
        assertThat(stored.lifecycle()).isNull();
    }

    @Test
    void fieldsAfterTheLifecycleAndANullLifecycleAreRead() throws Exception {
        LifecycleCalculator calc = new LifecycleCalculator(DEFAULTS);
        ProfileLifecycle l = calc.initial(daysAgo(3), true);
        com.fasterxml.jackson.databind.node.ObjectNode reordered = json.createObjectNode();
        reordered.set("lifecycle", json.valueToTree(l));
        reordered.setAll((com.fasterxml.jackson.databind.node.ObjectNode) json.valueToTree(profile));

        assertThat(json.treeToValue(reordered, StoredProfile.class)).isEqualTo(new StoredProfile(profile, l));

        reordered.putNull("lifecycle");
        assertThat(json.readValue(json.writeValueAsString(reordered), StoredProfile.class))
                .isEqualTo(new StoredProfile(profile, null));
    }
}
