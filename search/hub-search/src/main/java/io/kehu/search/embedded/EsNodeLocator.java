package io.kehu.search.embedded;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds the folder with the embedded Elasticsearch node's jars (the {@code es-node} module's {@code target/lib}).
 *
 * <p>In this order: the system property {@value #SYSTEM_PROPERTY}, the environment variable {@value #ENVIRONMENT_VARIABLE}
 * (either, when set, is the only place looked at), then {@code ./search/es-node/target/lib} (a source checkout),
 * then {@code es-node-lib} next to the running jar (an installed hub). A folder counts when it holds an
 * {@code es-node-*.jar}.
 */
public final class EsNodeLocator {

    /** System property naming the lib folder; the build passes it to every test JVM. */
    public static final String SYSTEM_PROPERTY = "es.node.lib";
    /** Environment variable naming the lib folder. */
    public static final String ENVIRONMENT_VARIABLE = "KEHU_ES_NODE_LIB";

    private EsNodeLocator() {}

    /**
     * @return the lib folder to put on the node's class path
     * @throws IllegalStateException naming every folder tried, when none holds the node's jars
     */
    public static Path locate() {
        return locate(System.getProperty(SYSTEM_PROPERTY), System.getenv(ENVIRONMENT_VARIABLE), Path.of(""), runningJarFolders());
    }

    static Path locate(String property, String environment, Path workingDir, List<Path> jarFolders) {
        Map<Path, String> candidates = new LinkedHashMap<>();
        if (property != null && !property.isBlank()) {
            candidates.put(Path.of(property), "system property " + SYSTEM_PROPERTY);
        } else if (environment != null && !environment.isBlank()) {
            candidates.put(Path.of(environment), "environment variable " + ENVIRONMENT_VARIABLE);
        } else {
            candidates.put(workingDir.resolve("search/es-node/target/lib"), "source checkout");
            jarFolders.forEach(folder -> candidates.putIfAbsent(folder.resolve("es-node-lib"), "next to the hub jar"));
        }
        for (Path candidate : candidates.keySet()) {
            if (holdsNodeJar(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        String tried = candidates.entrySet().stream()
            .map(e -> e.getKey().toAbsolutePath().normalize() + " (" + e.getValue() + ")")
            .collect(Collectors.joining(", "));
        throw new IllegalStateException("Embedded Elasticsearch jars not found in " + tried
            + ": build with ./mvnw package, or set hub.search.uris to use an external cluster");
    }

    private static boolean holdsNodeJar(Path folder) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).anyMatch(n -> n.startsWith("es-node-") && n.endsWith(".jar"));
        } catch (IOException e) {
            return false;
        }
    }

    /** The folder of {@code java -jar x.jar}'s jar, and of the plain jar holding this class, when either exists. */
    private static List<Path> runningJarFolders() {
        List<Path> folders = new ArrayList<>();
        String[] classPath = System.getProperty("java.class.path", "").split(File.pathSeparator);
        if (classPath.length == 1 && classPath[0].endsWith(".jar")) {
            jarFolder(Path.of(classPath[0])).ifPresent(folders::add);
        }
        try {
            CodeSource source = EsNodeLocator.class.getProtectionDomain().getCodeSource();
            // Inside a Spring Boot fat jar the location is a nested: URL, which Path cannot take; java.class.path covered it.
            if (source != null && "file".equals(source.getLocation().getProtocol())) {
                jarFolder(Path.of(source.getLocation().toURI())).ifPresent(folders::add);
            }
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            // no jar folder to offer
        }
        return folders;
    }

    private static Optional<Path> jarFolder(Path jar) {
        Path absolute = jar.toAbsolutePath();
        return Files.isRegularFile(absolute) ? Optional.ofNullable(absolute.getParent()) : Optional.empty();
    }
}
