package io.kehu.api.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The unified profile of one real person, built from every record that resolved to it.
 *
 * @param identifiers normalized identifier keys ({@code phone:+86…}, {@code email:…})
 * @param mergedFrom  ids of profiles that were merged into this one
 */
public record Profile(
        String id,
        String name,
        List<String> names,
        String company,
        List<String> companies,
        String title,
        String region,
        List<String> phones,
        List<String> emails,
        List<String> identifiers,
        List<String> sources,
        List<String> tags,
        String notes,
        String owner,
        Map<String, String> attributes,
        List<String> mergedFrom,
        Instant createdAt,
        Instant updatedAt,
        Instant lastInteractionAt) {

    public Profile {
        names = names == null ? List.of() : List.copyOf(names);
        companies = companies == null ? List.of() : List.copyOf(companies);
        phones = phones == null ? List.of() : List.copyOf(phones);
        emails = emails == null ? List.of() : List.copyOf(emails);
        identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
        sources = sources == null ? List.of() : List.copyOf(sources);
        tags = tags == null ? List.of() : List.copyOf(tags);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        mergedFrom = mergedFrom == null ? List.of() : List.copyOf(mergedFrom);
    }
}
