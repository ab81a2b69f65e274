package io.kehu.server.routing;

import io.kehu.api.domain.Profile;
import io.kehu.server.lifecycle.Score;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What routing sees of a profile: a plain view the caller builds from the stored profile, its stage and
 * its score, so the engine needs neither Elasticsearch nor the lifecycle engines.
 *
 * @param stage    lifecycle stage id ({@code opportunity}), null when not known
 * @param tier     score tier id ({@code A}), null when not scored
 * @param owner    the owner id already recorded on the profile, or null
 */
public record RoutableProfile(String id, String name, String company, String title, String region,
                              List<String> phones, List<String> emails, List<String> tags, List<String> sources,
                              Map<String, String> attributes, String stage, String tier, Integer fit,
                              Integer engagement, Integer combined, String owner, Instant createdAt,
                              Instant lastInteractionAt) {

    public RoutableProfile {
        phones = phones == null ? List.of() : List.copyOf(phones);
        emails = emails == null ? List.of() : List.copyOf(emails);
        tags = tags == null ? List.of() : List.copyOf(tags);
        sources = sources == null ? List.of() : List.copyOf(sources);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** The view of a stored profile with its stage and score (either may be null). */
    public static RoutableProfile of(Profile p, String stage, Score score) {
        return new RoutableProfile(p.id(), p.name(), p.company(), p.title(), p.region(), p.phones(), p.emails(),
                p.tags(), p.sources(), p.attributes(), stage, score == null ? null : score.tier(),
                score == null ? null : score.fit(), score == null ? null : score.engagement(),
                score == null ? null : score.combined(), p.owner(), p.createdAt(), p.lastInteractionAt());
    }

    /** The same profile with {@code ownerId} as its owner: a pooled lead mapped for its destinations once settled. */
    public RoutableProfile withOwner(String ownerId) {
        return new RoutableProfile(id, name, company, title, region, phones, emails, tags, sources, attributes, stage,
                tier, fit, engagement, combined, ownerId, createdAt, lastInteractionAt);
    }
}
