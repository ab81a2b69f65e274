package io.kehu.connector.kit.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads WireMock answer bodies kept under {@code src/test/resources/wiremock/<vendor>/}. */
public final class StubFiles {

    private StubFiles() {
    }

    /** The text of {@code wiremock/<path>} on the test class path, e.g. {@code body("fxiaoke/token.json")}. */
    public static String body(String path) {
        try (InputStream in = StubFiles.class.getClassLoader().getResourceAsStream("wiremock/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("No stub file wiremock/" + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
