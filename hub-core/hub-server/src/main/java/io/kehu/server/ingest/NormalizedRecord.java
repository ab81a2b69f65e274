package io.kehu.server.ingest;

import io.kehu.api.domain.Identifier;
import io.kehu.api.domain.SourceRecord;
import java.util.List;

/**
 * A source record whose identifiers passed normalization and the block list.
 *
 * @param keys the identifiers' keys, built once: grouping and resolution look them up several times per record
 */
record NormalizedRecord(SourceRecord record, List<Identifier> identifiers, List<String> keys) {

    NormalizedRecord(SourceRecord record, List<Identifier> identifiers) {
        this(record, identifiers, identifiers.stream().map(Identifier::key).toList());
    }
}
