package io.kehu.esnode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The JVM system properties Elasticsearch's launcher would pass with {@code -D}, and the native zstd library
 * its distribution would ship in {@code lib/platform}.
 *
 * <p>The properties must be set before log4j and Netty read them, so this runs first in {@code main}. A value
 * given on the command line wins.
 */
final class EsNodeJvm {

    /** Where Linux and macOS keep libzstd; Debian's package {@code libzstd1} puts it in the first. */
    private static final List<String> LIBRARY_DIRS = List.of(
        "/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu",
        "/usr/lib64", "/lib64", "/usr/lib", "/usr/local/lib", "/opt/homebrew/lib");

    private EsNodeJvm() {}

    static void prepare() {
        // Our shutdown hook closes the node and logs while doing so; log4j must not shut down first.
        setDefault("log4j.shutdownHookEnabled", "false");
        setDefault("log4j2.disable.jmx", "true");
        // From Elasticsearch's jvm.options: Netty's pooled recycler and key-set tweak are not wanted there.
        setDefault("io.netty.noUnsafe", "true");
        setDefault("io.netty.noKeySetOptimization", "true");
        setDefault("io.netty.recycler.maxCapacityPerThread", "0");
    }

    /**
     * On JDK 21+ Elasticsearch calls native zstd through the JDK's foreign-function API, and an index with
     * {@code index.codec: best_compression} fails its shard when the library is missing (measured: the primary
     * never starts). The distribution ships the library; the Maven artifacts do not, so we link the system's.
     * JDK 17 has no such path and needs nothing.
     *
     * @param home the node's home folder; the link goes into {@code <home>/native}
     * @return a warning to log once logging works, or empty
     */
    static Optional<String> provideNativeZstd(Path home) {
        if (Runtime.version().feature() < 21 || System.getProperty("es.nativelibs.path") != null) {
            return Optional.empty();
        }
        // Elasticsearch ships no libvec for us either; without this it tries to load it and logs a failure.
        setDefault("org.elasticsearch.nativeaccess.enableVectorLibrary", "false");
        String libraryName = System.mapLibraryName("zstd");
        Optional<Path> system = findSystemZstd(libraryName);
        if (system.isEmpty()) {
            return Optional.of("No libzstd found in " + LIBRARY_DIRS + ": on Java " + Runtime.version().feature()
                + " indices with index.codec=best_compression will fail. Install libzstd (Debian: libzstd1) or run the node on Java 17.");
        }
        try {
            Path folder = Files.createDirectories(home.resolve("native"));
            Path link = folder.resolve(libraryName);
            Files.deleteIfExists(link);
            try {
                Files.createSymbolicLink(link, system.get());
            } catch (UnsupportedOperationException | IOException e) {
                Files.copy(system.get(), link);
            }
            System.setProperty("es.nativelibs.path", folder.toString());
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("Cannot link " + system.get() + " for Elasticsearch (" + e + "): indices with "
                + "index.codec=best_compression will fail on Java " + Runtime.version().feature());
        }
    }

    private static Optional<Path> findSystemZstd(String libraryName) {
        boolean mac = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("mac");
        // Runtime-only packages install the versioned name alone (libzstd.so.1), without the dev symlink.
        List<String> names = mac ? List.of(libraryName, "libzstd.1.dylib") : List.of(libraryName + ".1", libraryName);
        return LIBRARY_DIRS.stream()
            .flatMap(dir -> names.stream().map(name -> Path.of(dir, name)))
            .filter(Files::isReadable)
            .findFirst();
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
