package io.kehu.server.alerts;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Loads WireMock stub mappings kept as JSON files under {@code src/test/resources/wiremock/}. */
final class WireMockStubs {

    private WireMockStubs() {
    }

    static void load(WireMockServer wm, String vendor, String... names) {
        for (String name : names) {
            String path = "/wiremock/" + vendor + "/" + name + ".json";
            try (InputStream in = WireMockStubs.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalArgumentException("No stub " + path);
                }
                wm.addStubMapping(StubMapping.buildFrom(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
