package io.kehu.server.imports;

import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.kehu.api.spi.ImportHandle;
import io.kehu.api.spi.ImportReport;
import io.kehu.api.spi.ImportTracker;
import io.kehu.api.spi.IngestSink;
import io.kehu.search.Documents;
import io.kehu.search.ImportDoc;
import io.kehu.search.IndexNames;
import io.kehu.search.SearchPage;
import io.kehu.search.VersionedDoc;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;

/** Keeps import reports and progress in Elasticsearch, so an import resumes after a restart. */
public final class ImportService {

    private final Documents docs;
    private final IndexNames names;
    private final Clock clock;

    public ImportService(Documents docs, IndexNames names, Clock clock) {
        this.docs = docs;
        this.names = names;
        this.clock = clock;
    }

    /** The tracker a connector instance uses; its imports feed {@code sink}. */
    public ImportTracker tracker(String connectorId, IngestSink sink) {
        return (fileName, checksum, sizeBytes) -> begin(connectorId, sink, fileName, checksum);
    }

    private ImportHandle begin(String connectorId, IngestSink sink, String fileName, String checksum) {
        // One import per content per instance: the same bytes under another name are the same import.
        String id = "imp-" + sha256(connectorId + "|" + checksum).substring(0, 20);
        Optional<ImportDoc> existing = docs.get(names.imports(), id, ImportDoc.class).map(VersionedDoc::source);
        return new EsImportHandle(this, sink, connectorId, id, fileName, checksum, existing.orElse(null), clock);
    }

    void save(ImportDoc doc) {
        docs.put(names.imports(), doc.id(), doc, false);
    }

    public Optional<ImportReport> get(String id) {
        return docs.get(names.imports(), id, ImportDoc.class).map(d -> d.source().toReport());
    }

    /** Imports, newest first, optionally of one connector instance. */
    public SearchPage<ImportReport> list(String connectorId, int from, int size) {
        var r = Documents.call(() -> docs.client().search(s -> {
            s.index(names.imports()).from(Math.max(0, from)).size(Math.min(Math.max(size, 1), 200))
                    .sort(o -> o.field(f -> f.field("startedAt").order(SortOrder.Desc)));
            if (connectorId != null && !connectorId.isBlank()) {
                s.query(q -> q.term(t -> t.field("connectorId").value(connectorId)));
            }
            return s;
        }, ImportDoc.class), names.imports());
        long total = r.hits().total() == null ? r.hits().hits().size() : r.hits().total().value();
        return new SearchPage<>(total, r.hits().hits().stream().map(Hit::source).map(ImportDoc::toReport).toList());
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
