package io.kehu.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;

/** The REST API of a hub started outside the Spring test context (so it can be restarted), called with one API key. */
final class HubRest {

    private final RestClient http;

    HubRest(ConfigurableApplicationContext hub, String apiKey) {
        this.http = RestClient.builder()
                .baseUrl("http://localhost:" + hub.getEnvironment().getProperty("local.server.port"))
                .defaultHeader("X-API-Key", apiKey)
                .build();
    }

    /** {@code path} may carry a query; answers other than 2xx throw. */
    JsonNode get(String path) {
        return http.get().uri(path).retrieve().body(JsonNode.class);
    }

    JsonNode post(String path) {
        return http.post().uri(path).retrieve().body(JsonNode.class);
    }

    /**
     * Posts {@code text} as UTF-8 bytes labelled {@code text/plain} with no charset, as
     * {@code curl -H 'Content-Type: text/plain' --data-binary @file} does.
     */
    JsonNode post(String path, String text) {
        return http.post().uri(path).contentType(MediaType.TEXT_PLAIN).body(text.getBytes(StandardCharsets.UTF_8))
                .retrieve().body(JsonNode.class);
    }

    /** Uploads a file as the form field {@code file}, as {@code curl -F file=@…} does. */
    JsonNode upload(String path, Path file) {
        LinkedMultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", new FileSystemResource(file));
        return http.post().uri(path).contentType(MediaType.MULTIPART_FORM_DATA).body(form).retrieve().body(JsonNode.class);
    }
}
