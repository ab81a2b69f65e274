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

    public String read(String name) {
        String path = "/wiremock/" + vendor + "/" + name;
        try (InputStream in = StubFiles.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no stub file " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An answer with that status and the file as its JSON body. */
    public ResponseDefinitionBuilder json(int status, String name) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json;charset=UTF-8").withBody(read(name));
    }
}
