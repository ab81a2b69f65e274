package io.kehu.bench;

import java.util.List;
import java.util.function.Consumer;

/**
 * A deterministic stream of lead rows: the same seed and row count give the same rows, byte for byte.
 *
 * <p>About 30% of people appear on 2 to 4 rows, each time spelled differently (phone only, e-mail only, both;
 * {@code +86 139-…}, full-width digits, {@code 0086…}; e-mail in upper case), so that only identity resolution
 * brings them together. The file is written in passes: first every person's first row, then every second row, and
 * so on, so a person's rows are a whole pass apart and their merges happen across import batches. Each row is
 * computed from the seed and the person's index alone; memory stays flat for any row count.
 */
public final class LeadGenerator {

    public static final List<String> HEADERS = List.of("姓名", "手机", "邮箱", "公司", "职位", "来源", "标签");
    /** Keeps the per-person arithmetic inside a long. */
    public static final long MAX_ROWS = 100_000_000L;

    private final long seed;
    private final long rows;
    private final long people;
    private final int lastPersonRows;
    private final PhoneSpace phones;

    public LeadGenerator(long seed, long rows) {
        if (rows < 1 || rows > MAX_ROWS) {
            throw new IllegalArgumentException("rows must be 1 to " + MAX_ROWS + ", not " + rows);
        }
        this.seed = seed;
        this.rows = rows;
        this.phones = new PhoneSpace(seed);
        // One pass over the people to find how many fit in the rows; the last one may lose some rows.
        long count = 0;
        long written = 0;
        int last = 0;
        while (written < rows) {
            int natural = LeadPerson.naturalRows(seed, count);
            last = (int) Math.min(natural, rows - written);
            written += last;
            count++;
        }
        this.people = count;
        this.lastPersonRows = last;
    }

    public long rows() {
        return rows;
    }

    /** The number of distinct people in the file: the profile count a correct import ends with. */
    public long people() {
        return people;
    }

    /** How many rows person {@code index} has in this file. */
    int rowsOf(long index) {
        return index == people - 1 ? lastPersonRows : LeadPerson.naturalRows(seed, index);
    }

    LeadPerson person(long index) {
        return LeadPerson.of(seed, index, rowsOf(index), phones);
    }

    /** Hands every row to {@code consumer} in file order (without the header). */
    public void forEachRow(Consumer<LeadRow> consumer) {
        for (int pass = 0; pass < LeadPerson.MAX_ROWS; pass++) {
            for (long p = 0; p < people; p++) {
                if (rowsOf(p) > pass) {
                    consumer.accept(person(p).row(pass));
                }
            }
        }
    }
}
