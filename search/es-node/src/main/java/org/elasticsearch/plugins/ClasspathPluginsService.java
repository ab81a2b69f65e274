package org.elasticsearch.plugins;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.elasticsearch.Version;
import org.elasticsearch.action.admin.cluster.node.info.PluginsAndModules;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.plugins.spi.SPIClassIterator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link PluginsService} whose plugins are classes already on the class path.
 *
 * <p>Lives in {@code org.elasticsearch.plugins} because {@link LoadedPlugin}, {@link PluginsLoader}'s
 * constructor, {@code loadPlugin}, {@code loadExtensions} and {@code createExtension} are package-private.
 * The distribution loads every plugin into its own module layer from {@code plugins/}; our node has no
 * such folder, and {@code PluginsLoader.createPluginsLoader} refuses a plain class path.
 */
public class ClasspathPluginsService extends PluginsService {

    private static final Logger logger = LogManager.getLogger(ClasspathPluginsService.class);

    private final List<LoadedPlugin> classpathPlugins;
    private final PluginsAndModules info;

    /**
     * @param settings      the node settings the plugins are constructed with
     * @param configPath    the node's config folder, handed to plugins that take one
     * @param pluginClasses the plugins to instantiate, in order
     */
    public ClasspathPluginsService(Settings settings, Path configPath, Collection<Class<? extends Plugin>> pluginClasses) {
        // The superclass loads nothing from an empty loader; we supply the plugins through plugins().
        super(settings, configPath, emptyLoader());
        List<LoadedPlugin> loaded = new ArrayList<>(pluginClasses.size());
        for (Class<? extends Plugin> pluginClass : pluginClasses) {
            Plugin plugin = loadPlugin(pluginClass, settings, configPath);
            PluginDescriptor descriptor = new PluginDescriptor(
                pluginClass.getName(),
                "class path plugin",
                Version.CURRENT.toString(),
                Version.CURRENT.toString(),
                Integer.toString(Runtime.version().feature()),
                pluginClass.getName(),
                null,
                List.of(),
                false,
                false,
                false,
                false
            );
            loaded.add(new LoadedPlugin(descriptor, plugin, pluginClass.getClassLoader()));
            logger.debug("loaded class path plugin [{}]", pluginClass.getName());
        }
        loadExtensions(loaded);
        this.classpathPlugins = List.copyOf(loaded);
        this.info = new PluginsAndModules(classpathPlugins.stream().map(p -> new PluginRuntimeInfo(p.descriptor())).toList(), List.of());
    }

    /** A loader with no modules and no plugins: the only kind that can be built on a plain class path. */
    public static PluginsLoader emptyLoader() {
        return new PluginsLoader(Set.of(), Set.of(), Map.of());
    }

    @Override
    protected List<LoadedPlugin> plugins() {
        return classpathPlugins;
    }

    @Override
    public PluginsAndModules info() {
        return info;
    }

    /**
     * All plugins share one class loader here, so the inherited per-plugin scan would find every provider once
     * per plugin and hand each the wrong plugin instance. Scan once and give each provider the plugin its
     * constructor asks for; a provider for a plugin we do not run is skipped.
     */
    @Override
    public <T> List<? extends T> loadServiceProviders(Class<T> service) {
        Map<Class<?>, T> result = new LinkedHashMap<>();
        SPIClassIterator<T> classes = SPIClassIterator.get(service, ClasspathPluginsService.class.getClassLoader());
        while (classes.hasNext()) {
            Class<? extends T> providerClass = classes.next();
            if (result.containsKey(providerClass)) {
                continue;
            }
            Optional<Plugin> owner = ownerOf(providerClass);
            if (owner.isEmpty()) {
                logger.debug("skipping service provider [{}] of [{}]: its plugin is not loaded", providerClass, service);
                continue;
            }
            result.put(providerClass, createExtension(providerClass, service, owner.get()));
        }
        return List.copyOf(result.values());
    }

    /** The plugin a provider's one-argument constructor wants, or any plugin when it takes none. */
    private Optional<Plugin> ownerOf(Class<?> providerClass) {
        Class<?> wanted = null;
        for (var constructor : providerClass.getConstructors()) {
            if (constructor.getParameterCount() == 1) {
                wanted = constructor.getParameterTypes()[0];
            }
        }
        if (wanted == null) {
            return classpathPlugins.stream().map(LoadedPlugin::instance).findFirst();
        }
        Class<?> pluginType = wanted;
        return classpathPlugins.stream().map(LoadedPlugin::instance).filter(p -> p.getClass() == pluginType).findFirst();
    }
}
