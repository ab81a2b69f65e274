package io.kehu.search;

/** A document read together with what an optimistic-concurrency write needs. */
public record VersionedDoc<T>(String id, T source, long seqNo, long primaryTerm) {
}
