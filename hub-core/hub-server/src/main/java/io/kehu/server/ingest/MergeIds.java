package io.kehu.server.ingest;

import java.util.List;

/** Merge record ids. */
public final class MergeIds {

    private MergeIds() {
    }

    /**
     * The id of the merge folding {@code merged} (sorted) into {@code survivor}. Deterministic: replaying the record
     * that caused a merge rewrites the same entry, and a caller that knows both sides reads it by id (real-time).
     */
    public static String of(String survivor, List<String> merged) {
        return "m-" + ResolutionWriter.sha256(survivor + "|" + String.join(",", merged)).substring(0, 24);
    }
}
