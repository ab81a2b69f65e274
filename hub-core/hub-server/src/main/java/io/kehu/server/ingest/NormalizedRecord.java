package io.kehu.server.ingest;

import io.kehu.api.domain.Identifier;
import io.kehu.api.domain.SourceRecord;
import java.util.List;

/** A source record whose identifiers passed normalization and the block list. */
record NormalizedRecord(SourceRecord record, List<Identifier> identifiers) {

    List<String> keys() {
        return identifiers.stream().map(Identifier::key).toList();
    }
}
