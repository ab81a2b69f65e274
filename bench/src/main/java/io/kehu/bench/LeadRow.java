package io.kehu.bench;

import java.util.Arrays;
import java.util.List;

/**
 * One generated spreadsheet row, in the column order of {@link LeadGenerator#HEADERS}. Empty cells are "".
 *
 * @param person     the index of the person the row is about (not written to the file)
 * @param occurrence 0 for the person's first row in the file, 1 for the second, …
 */
public record LeadRow(long person, int occurrence, String name, String phone, String email, String company,
                      String title, String source, String tags) {

    public List<String> cells() {
        return Arrays.asList(name, phone, email, company, title, source, tags);
    }
}
