package io.kehu.search;

import java.time.Instant;

/** One value of a connector instance's state (a cursor, a token), scoped by instance id. */
public record StateDoc(String scope, String key, String value, Instant updatedAt) {

    public static String id(String scope, String key) {
        return scope + "::" + key;
    }
}
