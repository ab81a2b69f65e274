package io.kehu.server.web;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Stream;

/** The console's files as the build packs them (target/classes/static/console), for tests that read their text. */
public final class ConsoleFiles {

    private ConsoleFiles() {
    }

    public static Path root() {
        URL index = ConsoleFiles.class.getResource("/static/console/index.html");
        if (index == null) {
            throw new IllegalStateException("static/console/index.html is not on the class path");
        }
        try {
            return Path.of(index.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every file under the console with one of the given endings (".js", ".html" …). */
    public static List<Path> files(String... endings) throws IOException {
        try (Stream<Path> all = Files.walk(root())) {
            return all.filter(Files::isRegularFile)
                    .filter(p -> Stream.of(endings).anyMatch(e -> p.getFileName().toString().endsWith(e)))
                    .sorted().toList();
        }
    }

    public static List<Path> scripts() throws IOException {
        return files(".js");
    }

    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One language bundle, keys in file order. */
    public static LinkedHashMap<String, String> bundle(String lang) throws IOException {
        return new ObjectMapper().readValue(root().resolve("i18n/" + lang + ".json").toFile(),
                new TypeReference<LinkedHashMap<String, String>>() { });
    }
}
