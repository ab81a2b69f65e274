package io.kehu.api.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.kehu.api.HubApi;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginWrapper;

/**
 * Checks of a plugin jar that {@code package} built, as the hub will see it: the PF4J descriptor
 * and extension index, what the jar bundles (its libraries relocated under its own package; never
 * hub-api, slf4j, pf4j or test helpers, which the host provides or which are not for production),
 * and loading it alone in PF4J. Run from a plugin module's {@code *PluginJarIT} (failsafe runs after
 * {@code package}):
 *
 * <pre>{@code
 * PluginJars jar = PluginJars.of(AcmePluginJarIT.class, "acme");
 * jar.assertDescriptorAndIndex(AcmeConnector.class);
 * jar.assertSelfContained("com.fasterxml.jackson.databind.ObjectMapper");
 * jar.withLoadedConnector(dir, SourceConnector.class, connector -> { ... a real call ... });
 * }</pre>
 */
public final class PluginJars {

    /** What a loaded plugin's extensions are handed to; may throw, as test code does. */
    @FunctionalInterface
    public interface Use<T> {
        void accept(T value) throws Exception;
    }

    /** Package roots the host provides or that are for tests only: none may be inside a plugin jar. */
    private static final List<String> HOST_PACKAGES = List.of("io/kehu/api/", "org/slf4j/", "org/pf4j/");

    private final String pluginId;
    private final Path jar;
    private final String ownPackage;
    private final List<String> unrelocated;

    private PluginJars(String pluginId, Path jar, String ownPackage, List<String> unrelocated) {
        this.pluginId = pluginId;
        this.jar = jar;
        this.ownPackage = ownPackage;
        this.unrelocated = unrelocated;
    }

    /** The jar {@code connector-<pluginId>-<version>.jar} next to the test classes of {@code testClass}. */
    public static PluginJars of(Class<?> testClass, String pluginId) throws Exception {
        Path target = Path.of(testClass.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        try (Stream<Path> files = Files.list(target)) {
            Path jar = files.filter(p -> p.getFileName().toString().matches("connector-" + pluginId + "-[^-]+(-SNAPSHOT)?\\.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("run 'package' first: no plugin jar in target/"));
            return new PluginJars(pluginId, jar, "io.kehu.connector." + pluginId, List.of());
        }
    }

    /** The plugin's own Java package, when it is not {@code io.kehu.connector.<pluginId>}. */
    public PluginJars inPackage(String javaPackage) {
        return new PluginJars(pluginId, jar, javaPackage, unrelocated);
    }

    /** A package the plugin bundles as it is, not relocated (e.g. {@code io.kehu.connector.kit}). */
    public PluginJars bundlingUnrelocated(String javaPackage) {
        List<String> all = new ArrayList<>(unrelocated);
        all.add(path(javaPackage));
        return new PluginJars(pluginId, jar, ownPackage, List.copyOf(all));
    }

    /**
     * The manifest names the plugin, its version and the hub-api range it was built against; the
     * extension index lists every given class. Returns the manifest for the plugin's own checks.
     */
    public Attributes assertDescriptorAndIndex(Class<?>... extensions) throws Exception {
        try (JarFile file = new JarFile(jar.toFile())) {
            Attributes manifest = file.getManifest().getMainAttributes();
            assertThat(manifest.getValue("Plugin-Id")).isEqualTo(pluginId);
            assertThat(manifest.getValue("Plugin-Version")).isNotBlank().doesNotContain("${");
            int major = Integer.parseInt(HubApi.VERSION.substring(0, HubApi.VERSION.indexOf('.')));
            assertThat(manifest.getValue("Plugin-Requires")).isEqualTo(">=" + HubApi.VERSION + " & <" + (major + 1) + ".0.0");
            ZipEntry index = file.getEntry("META-INF/extensions.idx");
            assertThat(index).as("META-INF/extensions.idx").isNotNull();
            String listed = new String(file.getInputStream(index).readAllBytes(), StandardCharsets.UTF_8);
            for (Class<?> extension : extensions) {
                assertThat(listed).contains(extension.getName());
            }
            return manifest;
        }
    }

    /**
     * Every class lives under the plugin's package (or a package bundled unrelocated); the given
     * library classes are inside, relocated under {@code <package>.shaded}; nothing of the host, no
     * test helper, no {@code module-info} and no JDK-wide StAX provider registration. Returns the
     * jar's class entries for the plugin's own checks.
     */
    public List<String> assertSelfContained(String... relocatedLibraryClasses) throws Exception {
        try (JarFile file = new JarFile(jar.toFile())) {
            List<String> entries = Collections.list(file.entries()).stream().map(ZipEntry::getName).toList();
            List<String> classes = entries.stream().filter(n -> n.endsWith(".class")).toList();
            String own = path(ownPackage);
            assertThat(classes).allMatch(n -> n.startsWith(own) || unrelocated.stream().anyMatch(n::startsWith),
                    "under " + own + " or " + unrelocated);
            for (String library : relocatedLibraryClasses) {
                assertThat(classes).contains(own + "shaded/" + library.replace('.', '/') + ".class");
            }
            assertThat(classes).noneMatch(n -> HOST_PACKAGES.stream().anyMatch(n::startsWith));
            assertThat(classes).noneMatch(n -> n.contains("/testing/"));
            assertThat(entries).noneMatch(n -> n.endsWith("module-info.class"))
                    .noneMatch(n -> n.startsWith("META-INF/services/javax.xml"));
            return classes;
        }
    }

    /**
     * Loads the jar alone in PF4J from {@code dir} and hands its extensions of {@code type} (at
     * least one, each from the plugin's own class loader) to {@code use}. The test's class path holds
     * the same classes; only the plugin's copies are the ones under test.
     */
    public <T> void withLoadedExtensions(Path dir, Class<T> type, Use<List<T>> use) throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.copy(jar, plugins.resolve(jar.getFileName()));
        PluginManager pm = new DefaultPluginManager(plugins);
        pm.setSystemVersion(HubApi.VERSION);
        pm.loadPlugins();
        pm.startPlugins();
        try {
            PluginWrapper plugin = pm.getPlugin(pluginId);
            assertThat(plugin).as("plugin " + pluginId).isNotNull();
            assertThat(plugin.getPluginState().isStarted()).isTrue();
            List<T> extensions = pm.getExtensions(type, pluginId);
            assertThat(extensions).isNotEmpty()
                    .allMatch(e -> e.getClass().getClassLoader() == plugin.getPluginClassLoader(), "loaded by the plugin");
            use.accept(extensions);
        } finally {
            // Not stopPlugins(): in PF4J 3.15 it iterates the list that stopping a plugin shrinks
            // (ConcurrentModificationException, pf4j/pf4j#656).
            pm.stopPlugin(pluginId);
            pm.unloadPlugins();
        }
    }

    /** As {@link #withLoadedExtensions}, for a plugin with exactly one extension of {@code type}. */
    public <T> void withLoadedConnector(Path dir, Class<T> type, Use<T> use) throws Exception {
        withLoadedExtensions(dir, type, extensions -> {
            assertThat(extensions).hasSize(1);
            use.accept(extensions.get(0));
        });
    }

    private static String path(String javaPackage) {
        return javaPackage.replace('.', '/') + "/";
    }
}
