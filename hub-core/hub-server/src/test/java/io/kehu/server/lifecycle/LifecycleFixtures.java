package io.kehu.server.lifecycle;

import io.kehu.api.domain.Profile;
import io.kehu.search.InteractionDoc;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

final class LifecycleFixtures {

    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    static final LifecycleConfig DEFAULTS = new LifecycleConfigLoader().loadDefault();

    private LifecycleFixtures() {
    }

    static Instant daysAgo(double days) {
        return NOW.minus(Duration.ofMillis(Math.round(days * 86_400_000L)));
    }

    static InteractionDoc interaction(String type, String channel, Instant at) {
        return interaction(type, channel, at, Map.of());
    }

    static InteractionDoc interaction(String type, String channel, Instant at, Map<String, String> details) {
        return new InteractionDoc(type + "-" + at, "p1", type, channel, "c1", "k", at, at, type, details);
    }

    static Profile profile(String name, String company, String title, String region,
                           List<String> phones, List<String> emails, Map<String, String> attributes) {
        return new Profile("p1", name, null, company, null, title, region, phones, emails, null, null, null,
                null, null, attributes, null, NOW, NOW, null);
    }

    static Profile emptyProfile() {
        return profile(null, null, null, null, null, null, null);
    }
}
