package io.kehu.search;

import java.time.Instant;

/**
 * One version of the lifecycle or routing rules accepted through the API, stored under its version number so
 * two hub nodes can never store the same version twice.
 *
 * @param yaml   the rules exactly as submitted
 * @param author the name of the API key that submitted them
 */
public record RulesVersionDoc(int version, String yaml, String author, Instant createdAt) {

    public static String id(int version) {
        return Integer.toString(version);
    }
}
