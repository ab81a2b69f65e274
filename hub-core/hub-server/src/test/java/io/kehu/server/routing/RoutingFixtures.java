package io.kehu.server.routing;

import io.kehu.server.lifecycle.LifecycleConfig;
import io.kehu.server.lifecycle.LifecycleConfigLoader;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

final class RoutingFixtures {

    static final Instant NOW = Instant.parse("2026-06-01T08:00:00Z");
    static final LifecycleConfig LIFECYCLE = new LifecycleConfigLoader().loadDefault();
    static final RoutingConfigLoader LOADER = new RoutingConfigLoader();

    private RoutingFixtures() {
    }

    static RoutingConfig config(String yaml) {
        return LOADER.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test");
    }

    static String defaultYaml() throws Exception {
        return Files.readString(Path.of("../../config/routing.yml"));
    }

    /** Four owners (the last one inactive) and the default assignee {@code ops}, followed by {@code rules}. */
    static RoutingConfig withRules(String match, String rules) {
        return config("""
                version: 3
                match: %s
                owners:
                  - { id: ann, name: 安娜, regions: [上海], tags: [vip], industries: [制造], remoteIds: { crm: U-ANN } }
                  - { id: bob, name: Bob, regions: [北京], industries: [软件], remoteIds: { crm: U-BOB } }
                  - { id: cai, name: 蔡, regions: [广东], tags: [展会] }
                  - { id: dan, name: Dan, regions: [上海], active: false }
                  - { id: ops, name: 运营 }
                defaultAssignee: ops
                rules:
                %s
                """.formatted(match, rules.indent(2)));
    }

    static Builder profile(String id) {
        return new Builder(id);
    }

    static final class Builder {
        private final String id;
        private String name;
        private String company;
        private String title;
        private String region;
        private List<String> phones = List.of();
        private List<String> emails = List.of();
        private List<String> tags = List.of();
        private List<String> sources = List.of();
        private Map<String, String> attributes = Map.of();
        private String stage;
        private String tier;
        private Integer fit;
        private Integer engagement;
        private Integer combined;
        private String owner;
        private Instant createdAt;

        Builder(String id) {
            this.id = id;
        }

        Builder name(String v) { name = v; return this; }
        Builder company(String v) { company = v; return this; }
        Builder title(String v) { title = v; return this; }
        Builder region(String v) { region = v; return this; }
        Builder phones(String... v) { phones = List.of(v); return this; }
        Builder emails(String... v) { emails = List.of(v); return this; }
        Builder tags(String... v) { tags = List.of(v); return this; }
        Builder sources(String... v) { sources = List.of(v); return this; }
        Builder attributes(Map<String, String> v) { attributes = v; return this; }
        Builder stage(String v) { stage = v; return this; }
        Builder tier(String v) { tier = v; return this; }
        Builder scores(int f, int e, int c) { fit = f; engagement = e; combined = c; return this; }
        Builder owner(String v) { owner = v; return this; }
        Builder createdAt(Instant v) { createdAt = v; return this; }

        RoutableProfile build() {
            return new RoutableProfile(id, name, company, title, region, phones, emails, tags, sources, attributes,
                    stage, tier, fit, engagement, combined, owner, createdAt, null);
        }
    }

    /** {@code n} profiles p0…p(n-1) from {@code template}, each with its own id. */
    static List<RoutableProfile> many(int n, RoutableProfile template) {
        List<RoutableProfile> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            RoutableProfile t = template;
            out.add(new RoutableProfile("p" + i, t.name(), t.company(), t.title(), t.region(), t.phones(), t.emails(),
                    t.tags(), t.sources(), t.attributes(), t.stage(), t.tier(), t.fit(), t.engagement(), t.combined(),
                    t.owner(), t.createdAt(), t.lastInteractionAt()));
        }
        return out;
    }
}
