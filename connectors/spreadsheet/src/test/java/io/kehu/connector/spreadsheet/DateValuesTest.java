package io.kehu.connector.spreadsheet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class DateValuesTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void readsTheDateFormsOfChineseAndIsoSheets() {
        Instant morning = Instant.parse("2024-03-04T16:00:00Z");
        assertThat(DateValues.parse("2024-03-05", SHANGHAI)).isEqualTo(morning);
        assertThat(DateValues.parse("2024/3/5", SHANGHAI)).isEqualTo(morning);
        assertThat(DateValues.parse("2024.03.05", SHANGHAI)).isEqualTo(morning);
        assertThat(DateValues.parse("2024年3月5日", SHANGHAI)).isEqualTo(morning);
        assertThat(DateValues.parse("2024-03-05 14:30", SHANGHAI)).isEqualTo(Instant.parse("2024-03-05T06:30:00Z"));
        assertThat(DateValues.parse("2024-03-05T14:30:15", SHANGHAI)).isEqualTo(Instant.parse("2024-03-05T06:30:15Z"));
        assertThat(DateValues.parse("2024年3月5日 14时30分", SHANGHAI)).isEqualTo(Instant.parse("2024-03-05T06:30:00Z"));
        assertThat(DateValues.parse("2024-03-05T14:30:00+08:00", ZoneId.of("UTC"))).isEqualTo(Instant.parse("2024-03-05T06:30:00Z"));
        assertThat(DateValues.parse("2024-03-05T06:30:00Z", SHANGHAI)).isEqualTo(Instant.parse("2024-03-05T06:30:00Z"));
    }

    @Test
    void doesNotGuessAmbiguousOrInvalidDates() {
        assertThat(DateValues.parse("05/03/2024", SHANGHAI)).isNull();
        assertThat(DateValues.parse("2024-02-30", SHANGHAI)).isNull();
        assertThat(DateValues.parse("上周", SHANGHAI)).isNull();
        assertThat(DateValues.parse(" ", SHANGHAI)).isNull();
    }
}
