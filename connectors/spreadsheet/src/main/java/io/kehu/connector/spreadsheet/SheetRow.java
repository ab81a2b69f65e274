package io.kehu.connector.spreadsheet;

import java.util.List;

/**
 * One row as a reader produced it.
 *
 * @param number the row's number as a spreadsheet user sees it (the first row is 1)
 * @param cells  the cell texts, in column order; empty when the row could not be read
 * @param error  why the row could not be read, or null; free of cell values
 */
record SheetRow(long number, List<String> cells, String error) {

    SheetRow {
        cells = cells == null ? List.of() : cells;
    }

    static SheetRow unreadable(long number, String error) {
        return new SheetRow(number, List.of(), error);
    }

    /** True for a row without any text: skipped silently, never counted. */
    boolean blank() {
        if (error != null) {
            return false;
        }
        for (String c : cells) {
            if (c != null && !c.isBlank()) {
                return false;
            }
        }
        return true;
    }
}
