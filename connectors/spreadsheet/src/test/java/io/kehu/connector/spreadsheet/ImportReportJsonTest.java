package io.kehu.connector.spreadsheet;

import static org.assertj.core.api.Assertions.assertThat;

import io.kehu.api.spi.ImportReport;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImportReportJsonTest {

    @Test
    void writesTheReportWithEveryStringEscaped() {
        ImportReport r = new ImportReport("imp-1", "sheets", "客户 \"A\".csv", "ab12", "FAILED", 3, 1, 1, 0, 1,
                List.of(new ImportReport.RejectedRow(4, "no phone\tor \\ email\n")), "bad\u0001file",
                Instant.parse("2024-03-05T06:30:00Z"), null);

        String json = ImportReportJson.toJson(r);

        assertThat(json).contains("\"fileName\": \"客户 \\\"A\\\".csv\"")
                .contains("\"rejected\": [\n    {\"row\": 4, \"reason\": \"no phone\\tor \\\\ email\\n\"}\n  ],")
                .contains("\"error\": \"bad\\u0001file\"")
                .contains("\"startedAt\": \"2024-03-05T06:30:00Z\"")
                .contains("\"finishedAt\": null")
                .contains("\"rowsRead\": 3");
    }

    @Test
    void writesAnEmptyRejectionList() {
        ImportReport r = new ImportReport(null, "sheets", "a.csv", null, "FAILED", 0, 0, 0, 0, 0, List.of(), "x", null, null);

        assertThat(ImportReportJson.toJson(r)).contains("\"rejected\": [],").contains("\"id\": null,");
    }
}
