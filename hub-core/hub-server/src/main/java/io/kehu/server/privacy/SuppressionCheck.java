package io.kehu.server.privacy;

import io.kehu.api.domain.Identifier;
import java.util.List;

/** Whether ingest must refuse a record: one of its normalized identifiers belongs to an erased person. */
@FunctionalInterface
public interface SuppressionCheck {

    /** The row reason of a refused record, as an import report shows it. */
    String REASON = "erased at the person's request";

    /** Nothing is suppressed: for hubs and tests without the privacy part. */
    SuppressionCheck NONE = ids -> false;

    boolean suppressed(List<Identifier> normalized);
}
