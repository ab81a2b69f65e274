package io.kehu.connector.wechat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Loads WireMock stub mappings kept as JSON files under {@code src/test/resources/wiremock/}. */
final class Stubs {

    private Stubs() {
    }

    /** Adds the stubs {@code wiremock/<vendor>/<name>.json} to the server. */
    static void load(WireMockServer wm, String vendor, String... names) {
        for (String name : names) {
            String path = "/wiremock/" + vendor + "/" + name + ".json";
            try (InputStream in = Stubs.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalArgumentException("No stub " + path);
                }
                wm.addStubMapping(StubMapping.buildFrom(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A backoff that records its waits instead of sleeping. */
    static final class RecordingSleeper implements Backoff.Sleeper {
        final List<Duration> waits = new ArrayList<>();

        @Override
        public void sleep(Duration d) {
            waits.add(d);
        }
    }

    static Backoff backoff(RecordingSleeper sleeper) {
        return new Backoff(3, Duration.ofSeconds(1), Duration.ofSeconds(8), sleeper);
    }
}
