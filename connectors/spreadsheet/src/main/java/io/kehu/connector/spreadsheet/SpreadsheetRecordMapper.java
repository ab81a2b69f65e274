package io.kehu.connector.spreadsheet;

import io.kehu.api.Masking;
import io.kehu.api.domain.Identifier;
import io.kehu.api.domain.IdentifierType;
import io.kehu.api.domain.Interaction;
import io.kehu.api.domain.Lead;
import io.kehu.api.domain.SourceRecord;
import io.kehu.connector.spreadsheet.HeaderMapping.Column;
import io.kehu.connector.spreadsheet.HeaderMapping.Columns;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one data row into a {@link SourceRecord}: the lead, and an {@code import} interaction
 * whose id is the file's checksum plus the row, so importing the same content again changes
 * nothing. Identifier values pass through raw; the hub normalizes them and refuses invalid ones.
 */
final class SpreadsheetRecordMapper {

    private static final Logger log = LoggerFactory.getLogger(SpreadsheetRecordMapper.class);

    /** Several phone numbers or addresses in one cell. Spaces are not among them: "138 0013 8000" is one number. */
    private static final Pattern MULTI_VALUE = Pattern.compile("[/,，;；、\\n]+");
    private static final Pattern TAG_SEPARATORS = Pattern.compile("[,，;；、|]+");
    private static final int SUMMARY_NOTES = 200;

    /** The mapped row: a record, or why the row was rejected. */
    record Mapped(SourceRecord record, String rejection) {
    }

    private final Columns columns;
    private final String fileName;
    private final String checksum;
    private final String defaultSource;
    private final ZoneId zone;
    private final Instant importStart;

    /**
     * @param defaultSource the source label of rows without a source cell
     * @param importStart   observation and interaction time of rows without a date
     */
    SpreadsheetRecordMapper(Columns columns, String fileName, String checksum, String defaultSource, ZoneId zone, Instant importStart) {
        this.columns = columns;
        this.fileName = fileName;
        this.checksum = checksum;
        this.defaultSource = defaultSource;
        this.zone = zone;
        this.importStart = importStart;
    }

    Mapped map(long row, List<String> cells) {
        RowValues v = new RowValues();
        List<Column> all = columns.all();
        for (int i = 0; i < cells.size(); i++) {
            String value = cells.get(i) == null ? "" : cells.get(i).strip();
            if (value.isEmpty()) {
                continue;
            }
            Column column = i < all.size() ? all.get(i) : null;
            ColumnTarget target = column == null ? ColumnTarget.attribute(Columns.unnamed(i)) : column.target();
            v.add(target, column == null ? Columns.unnamed(i) : column.header(), value, zone);
        }
        if (v.identifiers.isEmpty()) {
            return new Mapped(null, "no phone, email or other identifier in this row");
        }
        Instant when = v.date != null ? v.date : importStart;
        Lead lead = new Lead(v.name, v.company, v.title, v.region(), List.copyOf(v.identifiers),
                v.source != null ? v.source : defaultSource, List.copyOf(v.tags), v.notes(), v.owner, v.attributes, when);
        Interaction interaction = new Interaction("sheet:" + checksum + ":" + row, "import", "spreadsheet", when,
                summary(row, v.notes()), Map.of("file", fileName, "row", Long.toString(row)));
        if (log.isDebugEnabled()) {
            log.debug("Row {} mapped with identifiers {}", row, v.identifiers.stream().map(Masking::mask).toList());
        }
        return new Mapped(new SourceRecord(checksum + ":" + row, "row " + row, lead, interaction), null);
    }

    private String summary(long row, String notes) {
        String s = "导入 " + fileName + " 第 " + row + " 行 / imported from " + fileName + " row " + row;
        if (notes == null) {
            return s;
        }
        return s + ": " + (notes.length() > SUMMARY_NOTES ? notes.substring(0, SUMMARY_NOTES) + "…" : notes);
    }

    /** The values of one row, gathered column by column. */
    private static final class RowValues {
        String name;
        String company;
        String title;
        String source;
        String owner;
        Instant date;
        final Set<String> regions = new LinkedHashSet<>();
        final List<String> notes = new ArrayList<>();
        final Set<String> tags = new LinkedHashSet<>();
        final Set<Identifier> identifiers = new LinkedHashSet<>();
        final Map<String, String> attributes = new LinkedHashMap<>();

        void add(ColumnTarget target, String header, String value, ZoneId zone) {
            switch (target.kind()) {
                case NAME -> name = first(name, value);
                case COMPANY -> company = first(company, value);
                case TITLE -> title = first(title, value);
                case SOURCE -> source = first(source, value);
                case OWNER -> owner = first(owner, value);
                case REGION -> regions.add(value);
                case NOTES -> notes.add(value);
                case TAGS -> split(TAG_SEPARATORS, value).forEach(tags::add);
                case PHONE -> split(MULTI_VALUE, value).forEach(p -> identifiers.add(Identifier.phone(p)));
                case EMAIL -> split(MULTI_VALUE, value).forEach(e -> identifiers.add(Identifier.email(e)));
                case UNIONID -> identifiers.add(Identifier.unionId(value));
                case CRM -> identifiers.add(new Identifier(IdentifierType.CRM_ID, target.key() + "/" + value));
                case DATE -> {
                    Instant parsed = DateValues.parse(value, zone);
                    if (parsed == null) {
                        // Not a date we can read: keep the text rather than lose it.
                        attribute(header, value);
                    } else if (date == null) {
                        date = parsed;
                    }
                }
                case ATTRIBUTE -> attribute(target.key(), value);
                case IGNORE -> {
                }
                default -> throw new IllegalStateException("Unhandled column target " + target.kind());
            }
        }

        private void attribute(String key, String value) {
            attributes.merge(key, value, (a, b) -> a + "; " + b);
        }

        String region() {
            return regions.isEmpty() ? null : String.join(" ", regions);
        }

        String notes() {
            return notes.isEmpty() ? null : String.join("\n", notes);
        }

        private static String first(String current, String value) {
            return current != null ? current : value;
        }

        private static List<String> split(Pattern separators, String value) {
            List<String> out = new ArrayList<>();
            for (String part : separators.split(value)) {
                String p = part.strip();
                if (!p.isEmpty()) {
                    out.add(p);
                }
            }
            return out;
        }
    }
}
