package io.kehu.api.spi;

import java.util.List;

/**
 * Outcome of one ingest batch.
 *
 * @param created  records that created a new profile
 * @param updated  records that added to an existing profile
 * @param merged   profiles folded into another because a record linked them
 * @param rejected records that could not be resolved, with the reason
 */
public record IngestResult(int created, int updated, int merged, List<Rejection> rejected) {

    public IngestResult {
        rejected = List.copyOf(rejected);
    }

    /** A record the hub refused, identified by its key and position. */
    public record Rejection(String key, String position, String reason) {
    }

    public IngestResult plus(IngestResult o) {
        java.util.ArrayList<Rejection> r = new java.util.ArrayList<>(rejected);
        r.addAll(o.rejected);
        return new IngestResult(created + o.created, updated + o.updated, merged + o.merged, r);
    }

    public static IngestResult empty() {
        return new IngestResult(0, 0, 0, List.of());
    }
}
