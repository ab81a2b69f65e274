package io.kehu.connector.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC);

    @Test
    void readsDeltaSeconds() {
        assertThat(RetryAfter.parse(" 20 ", clock)).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void readsAnHttpDateAsTheWaitUntilThen() {
        assertThat(RetryAfter.parse("Mon, 23 Nov 2026 08:01:30 GMT", clock)).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void aDateInThePastMeansNoWait() {
        assertThat(RetryAfter.parse("Mon, 23 Nov 2026 07:00:00 GMT", clock)).isZero();
        assertThat(RetryAfter.parse("-5", clock)).isZero();
    }

    @Test
    void absentOrUnreadableIsNull() {
        assertThat(RetryAfter.parse(null, clock)).isNull();
        assertThat(RetryAfter.parse("", clock)).isNull();
        assertThat(RetryAfter.parse("soon", clock)).isNull();
    }
}
