package org.elasticsearch.node;

import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.ClasspathPluginsService;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.plugins.PluginsLoader;
import org.elasticsearch.plugins.PluginsService;

import java.util.Collection;
import java.util.List;

/**
 * An Elasticsearch {@link Node} whose plugins are classes on the class path.
 *
 * <p>Lives in {@code org.elasticsearch.node} because {@code NodeConstruction.prepareConstruction}, the
 * {@code Node(NodeConstruction)} constructor and {@link NodeServiceProvider} are package-private: they are
 * the seam Elasticsearch's own test node uses to swap the plugin service.
 */
public class ClasspathNode extends Node {

    /**
     * @param environment   from {@code InternalSettingsPreparer.prepareEnvironment}
     * @param pluginClasses the plugins this node runs, e.g. {@code Netty4Plugin} for HTTP
     */
    public ClasspathNode(Environment environment, Collection<Class<? extends Plugin>> pluginClasses) {
        super(
            NodeConstruction.prepareConstruction(
                environment,
                ClasspathPluginsService.emptyLoader(),
                new ClasspathServiceProvider(List.copyOf(pluginClasses)),
                true
            )
        );
    }

    private static final class ClasspathServiceProvider extends NodeServiceProvider {
        private final List<Class<? extends Plugin>> pluginClasses;

        ClasspathServiceProvider(List<Class<? extends Plugin>> pluginClasses) {
            this.pluginClasses = pluginClasses;
        }

        @Override
        PluginsService newPluginService(Environment environment, PluginsLoader pluginsLoader) {
            return new ClasspathPluginsService(environment.settings(), environment.configDir(), pluginClasses);
        }
    }
}
