package io.kehu.connector.spreadsheet;

import java.util.Locale;

/** The kinds of file the connector is given, told by extension and checked against the content. */
enum SpreadsheetFormat {
    CSV("CSV", null),
    TSV("tab-separated text", null),
    XLSX("XLSX workbook", null),
    XLS("old binary .xls workbook",
            "Old binary Excel files (.xls) are not supported: open the file and save it as .xlsx "
                    + "(Excel Workbook) or CSV UTF-8, then import that file"),
    UNSUPPORTED("unsupported file",
            "Unsupported file type: import .csv, .tsv, .txt or .xlsx files");

    private final String label;
    private final String refusal;

    SpreadsheetFormat(String label, String refusal) {
        this.label = label;
        this.refusal = refusal;
    }

    static SpreadsheetFormat ofFileName(String fileName) {
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT).strip();
        if (name.endsWith(".csv") || name.endsWith(".txt")) {
            return CSV;
        }
        if (name.endsWith(".tsv")) {
            return TSV;
        }
        if (name.endsWith(".xlsx")) {
            return XLSX;
        }
        if (name.endsWith(".xls")) {
            return XLS;
        }
        return UNSUPPORTED;
    }

    /** Corrects the extension's word by the content: a workbook renamed to .csv, an .xls renamed to .xlsx. */
    SpreadsheetFormat checkedAgainst(FileFingerprint content) {
        if (content.looksLikeOle2()) {
            return XLS;
        }
        if (content.looksLikeZip() && (this == CSV || this == TSV)) {
            return XLSX;
        }
        return this;
    }

    String label() {
        return label;
    }

    /** Why files of this kind are refused, or null when they are read. */
    String refusal() {
        return refusal;
    }
}
