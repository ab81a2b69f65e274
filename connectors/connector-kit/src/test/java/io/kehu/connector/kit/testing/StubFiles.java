package io.kehu.connector.kit.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Stub bodies kept under {@code src/test/resources/wiremock/<vendor>/}, read from the test class path. */
public final class StubFiles {

    private final String vendor;

    public StubFiles(String vendor) {
        this.vendor = vendor;
    }

    /** The text of {@code wiremock/<path>}, e.g. {@code body("fxiaoke/token.json")}. */
    public static String body(String path) {
        try (InputStream in = StubFiles.class.getResourceAsStream("/wiremock/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("No stub file wiremock/" + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of this vendor's stub file {@code name}. */
    public String read(String name) {
        return body(vendor + "/" + name);
    }

    /** An answer with that status and the file as its JSON body. */
    public ResponseDefinitionBuilder json(int status, String name) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json;charset=UTF-8").withBody(read(name));
    }
}
