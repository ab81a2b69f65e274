package io.kehu.server.funnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.kehu.server.funnel.FirstTimes.KeyTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class FirstTimesTest {

    private static KeyTime at(String key, int day) {
        return new KeyTime(key, Instant.parse("2026-05-01T00:00:00Z").plusSeconds(86_400L * day));
    }

    private static List<KeyTime> drain(Iterator<KeyTime> it) {
        List<KeyTime> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void unionKeepsKeyOrderAndTheEarlierTimeOfAKeyInBoth() {
        List<KeyTime> changes = List.of(at("p-1", 5), at("p-3", 2), at("p-4", 9));
        List<KeyTime> created = List.of(at("p-2", 1), at("p-3", 4), at("p-5", 3));

        assertThat(drain(FirstTimes.union(changes.iterator(), created.iterator())))
                .containsExactly(at("p-1", 5), at("p-2", 1), at("p-3", 2), at("p-4", 9), at("p-5", 3));
    }

    @Test
    void unionWithAnEmptySideIsTheOtherSide() {
        List<KeyTime> some = List.of(at("a", 1), at("b", 2));

        assertThat(drain(FirstTimes.union(some.iterator(), List.<KeyTime>of().iterator()))).isEqualTo(some);
        assertThat(drain(FirstTimes.union(List.<KeyTime>of().iterator(), some.iterator()))).isEqualTo(some);
    }
}
