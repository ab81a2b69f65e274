package io.kehu.server.export;

import io.kehu.search.IndexNames;
import io.kehu.search.PointInTimeScan;
import io.kehu.search.ProfileQuery;
import io.kehu.search.ProfileStore;
import io.kehu.search.VersionedDoc;
import io.kehu.server.lifecycle.LifecycleRules;
import io.kehu.server.lifecycle.StoredProfile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.Locale;

/**
 * Writes every profile a search matches to a CSV or XLSX stream, page by page through a point-in-time, so an
 * export of any size holds one page in memory. Rows come in index order, not by relevance.
 */
public final class ProfileExport {

    /** What a file holds and how it reads. */
    public enum Format {
        CSV("text/csv; charset=UTF-8", "csv"),
        XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");

        public final String contentType;
        public final String extension;

        Format(String contentType, String extension) {
            this.contentType = contentType;
            this.extension = extension;
        }

        /** @throws IllegalArgumentException for anything but csv or xlsx */
        public static Format parse(String value) {
            try {
                return valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("format must be csv or xlsx, not " + value);
            }
        }
    }

    private static final int PAGE = 1000;

    private final ProfileStore profiles;
    private final PointInTimeScan scan;
    private final IndexNames names;
    private final LifecycleRules rules;

    public ProfileExport(ProfileStore profiles, PointInTimeScan scan, IndexNames names, LifecycleRules rules) {
        this.profiles = profiles;
        this.scan = scan;
        this.names = names;
        this.rules = rules;
    }

    /**
     * @param chinese Chinese headers and stage names, else English
     * @return how many profiles were written
     */
    public long write(ProfileQuery query, Format format, boolean chinese, ZoneId zone, OutputStream out) throws IOException {
        ExportColumns columns = new ExportColumns(rules.current().config().lifecycle(), zone, chinese);
        try (TableSink sink = format == Format.CSV ? new CsvSink(out) : new XlsxSink(out, chinese ? "客户" : "Profiles")) {
            sink.row(columns.header());
            return scan.scan(names.profiles(), profiles.query(query), ExportColumns.NOT_READ, PAGE, StoredProfile.class,
                    page -> {
                        try {
                            for (VersionedDoc<StoredProfile> doc : page) {
                                sink.row(columns.row(doc.source()));
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
