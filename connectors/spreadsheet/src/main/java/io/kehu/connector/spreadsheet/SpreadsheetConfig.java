package io.kehu.connector.spreadsheet;

import io.kehu.api.HubException;
import io.kehu.api.spi.ConfigField;
import io.kehu.api.spi.ConfigProblem;
import io.kehu.api.spi.ConnectorConfig;
import io.kehu.api.spi.FieldType;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The spreadsheet connector's configuration fields and typed access to one instance's values. */
public final class SpreadsheetConfig {

    public static final String INBOX = "inbox";
    public static final String PROCESSED_DIR = "processedDir";
    public static final String FAILED_DIR = "failedDir";
    public static final String POLL_INTERVAL = "pollInterval";
    public static final String ENCODING = "encoding";
    public static final String DELIMITER = "delimiter";
    public static final String SHEET = "sheet";
    public static final String HEADER_ROW = "headerRow";
    public static final String MAPPING = "mapping";
    public static final String SOURCE = "source";
    public static final String TIME_ZONE = "timeZone";

    public static final String AUTO = "auto";

    public static final List<ConfigField> FIELDS = List.of(
            ConfigField.optional(INBOX, FieldType.PATH, null,
                    "Folder polled for .csv, .tsv, .txt and .xlsx files. Default: 'inbox' in the instance's work folder."),
            ConfigField.optional(PROCESSED_DIR, FieldType.PATH, null,
                    "Where imported files are moved, under their name plus a timestamp. Default: '<inbox>/.processed'."),
            ConfigField.optional(FAILED_DIR, FieldType.PATH, null,
                    "Where unreadable files are moved, each with its import report '<name>.report.json'. Default: '<inbox>/.failed'."),
            ConfigField.optional(POLL_INTERVAL, FieldType.DURATION, "10s",
                    "How often the inbox is checked for new files, e.g. 10s or 1m."),
            ConfigField.choice(ENCODING, AUTO,
                    "Character set of CSV files without a byte order mark (a UTF-8 or UTF-16 mark always decides). "
                            + "'auto' reads UTF-8 when the whole file is valid UTF-8, else GB18030 (a superset of GBK).",
                    AUTO, "UTF-8", "GBK", "GB18030"),
            ConfigField.choice(DELIMITER, AUTO,
                    "Field separator of CSV files. 'auto' uses tab for .tsv files and otherwise the most frequent "
                            + "of , ; tab | in the header line.",
                    AUTO, ",", ";", "tab", "|"),
            ConfigField.optional(SHEET, FieldType.STRING, null,
                    "XLSX sheet to read: its name or its 1-based position. Default: the first sheet."),
            ConfigField.optional(HEADER_ROW, FieldType.INTEGER, "1",
                    "Row holding the column headers (1-based, as the spreadsheet shows it); rows above it are ignored."),
            ConfigField.optional(MAPPING, FieldType.MAP, null,
                    "Header text to target field; overrides the built-in Chinese and English header names. Targets: "
                            + String.join(", ", ColumnTarget.TARGET_NAMES) + ", crm:<system>, attr:<key>."),
            ConfigField.optional(SOURCE, FieldType.STRING, null,
                    "Source label given to every row without a source column value. Default: the file name."),
            ConfigField.optional(TIME_ZONE, FieldType.STRING, "Asia/Shanghai",
                    "Time zone of dates and times in the files that carry no zone of their own."));

    private final ConnectorConfig config;
    private final Path inbox;

    /**
     * @param workDir the instance's work folder, home of the default inbox
     */
    public SpreadsheetConfig(ConnectorConfig config, Path workDir) {
        this.config = config;
        this.inbox = config.has(INBOX) ? config.path(INBOX).toAbsolutePath() : workDir.resolve("inbox").toAbsolutePath();
    }

    /** Checks that go beyond the per-field ones: mapping targets, zone, header row, folders. */
    public static List<ConfigProblem> validate(ConnectorConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        if (config.has(HEADER_ROW)) {
            try {
                if (config.integer(HEADER_ROW) < 1) {
                    problems.add(new ConfigProblem(HEADER_ROW, "must be 1 or more"));
                }
            } catch (RuntimeException e) {
                // reported by the per-field validation
            }
        }
        if (config.has(TIME_ZONE)) {
            try {
                ZoneId.of(config.string(TIME_ZONE).trim());
            } catch (DateTimeException e) {
                problems.add(new ConfigProblem(TIME_ZONE, "is not a known time zone, e.g. Asia/Shanghai or UTC"));
            }
        }
        if (config.has(SHEET) && config.string(SHEET).trim().matches("-?\\d+") && Integer.parseInt(config.string(SHEET).trim()) < 1) {
            problems.add(new ConfigProblem(SHEET, "a sheet position counts from 1"));
        }
        try {
            config.map(MAPPING).forEach((header, target) -> {
                String problem = ColumnTarget.problemWith(target);
                if (problem != null) {
                    problems.add(new ConfigProblem(MAPPING, "header '" + header + "': " + problem));
                }
            });
        } catch (RuntimeException e) {
            // reported by the per-field validation
        }
        if (config.has(INBOX)) {
            Path inbox = config.path(INBOX).toAbsolutePath().normalize();
            for (String key : List.of(PROCESSED_DIR, FAILED_DIR)) {
                if (config.has(key) && config.path(key).toAbsolutePath().normalize().equals(inbox)) {
                    problems.add(new ConfigProblem(key, "must not be the inbox itself"));
                }
            }
        }
        return problems;
    }

    public Path inbox() {
        return inbox;
    }

    public Path processedDir() {
        return config.has(PROCESSED_DIR) ? config.path(PROCESSED_DIR).toAbsolutePath() : inbox.resolve(".processed");
    }

    public Path failedDir() {
        return config.has(FAILED_DIR) ? config.path(FAILED_DIR).toAbsolutePath() : inbox.resolve(".failed");
    }

    public Duration pollInterval() {
        return config.has(POLL_INTERVAL) ? config.duration(POLL_INTERVAL) : Duration.ofSeconds(10);
    }

    /** The configured character set, or null for automatic detection. */
    public Charset encoding() {
        String e = config.has(ENCODING) ? config.string(ENCODING).trim() : AUTO;
        if (e.equalsIgnoreCase(AUTO)) {
            return null;
        }
        try {
            return Charset.forName(e);
        } catch (IllegalArgumentException ex) {
            throw HubException.configuration("Unknown encoding '" + e + "'");
        }
    }

    /** The configured delimiter, or 0 for automatic detection. */
    public char delimiter() {
        String d = config.has(DELIMITER) ? config.string(DELIMITER) : AUTO;
        if (d.equalsIgnoreCase(AUTO)) {
            return 0;
        }
        if (d.equalsIgnoreCase("tab") || d.equals("\t")) {
            return '\t';
        }
        if (d.length() != 1) {
            throw HubException.configuration("Delimiter must be one character, 'tab' or 'auto'");
        }
        return d.charAt(0);
    }

    /** The XLSX sheet's name or 1-based position as given, or null for the first sheet. */
    public String sheet() {
        return config.has(SHEET) ? config.string(SHEET).trim() : null;
    }

    public int headerRow() {
        return config.has(HEADER_ROW) ? config.integer(HEADER_ROW) : 1;
    }

    /** Header text to target, as configured (not yet normalized). */
    public Map<String, String> mapping() {
        return config.map(MAPPING);
    }

    /** The fixed source label, or null to use each file's name. */
    public String source() {
        return config.has(SOURCE) ? config.string(SOURCE).trim() : null;
    }

    public ZoneId timeZone() {
        return config.has(TIME_ZONE) ? ZoneId.of(config.string(TIME_ZONE).trim()) : ZoneId.of("Asia/Shanghai");
    }
}
