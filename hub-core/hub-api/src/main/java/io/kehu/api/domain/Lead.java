package io.kehu.api.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a source knows about a person: identifiers plus descriptive attributes. Null or empty
 * fields mean "not known here" and never erase what the profile already has.
 *
 * @param name       the person's name as given, e.g. {@code 张三} or {@code Alice Chen}
 * @param company    company name
 * @param title      job title or role
 * @param region     province, city or country as given
 * @param identifiers raw identifiers; normalized by the hub
 * @param source     the channel label shown to sales, e.g. {@code 展会} or {@code spreadsheet}
 * @param tags       free tags
 * @param notes      free text
 * @param owner      the salesperson who owns the person in the source, if any
 * @param attributes further fields kept as they are (custom columns, form fields)
 * @param observedAt when the source saw this; null means now
 */
public record Lead(
        String name,
        String company,
        String title,
        String region,
        List<Identifier> identifiers,
        String source,
        List<String> tags,
        String notes,
        String owner,
        Map<String, String> attributes,
        Instant observedAt) {

    public Lead {
        identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
        tags = tags == null ? List.of() : List.copyOf(tags);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
