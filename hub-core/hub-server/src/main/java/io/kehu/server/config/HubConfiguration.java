package io.kehu.server.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kehu.search.BulkWriter;
import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.search.KeyValueStore;
import io.kehu.server.connectors.ConnectorRegistry;
import io.kehu.server.connectors.DefinitionStore;
import io.kehu.server.connectors.InstanceServices;
import io.kehu.server.connectors.WebhookDispatcher;
import io.kehu.server.delivery.DeliveryWorkers;
import io.kehu.server.work.DeadLetterService;
import io.kehu.server.work.RetryPolicy;
import io.kehu.server.connectors.SecretBox;
import io.kehu.server.identity.BlockList;
import io.kehu.server.identity.EmailNormalizer;
import io.kehu.server.identity.IdentifierNormalizer;
import io.kehu.server.identity.PhoneNormalizer;
import io.kehu.server.imports.ImportService;
import io.kehu.server.lifecycle.LifecycleRules;
import io.kehu.server.lifecycle.StageChangeListener;
import io.kehu.server.lifecycle.StageChangeRecorder;
import io.kehu.server.merges.BlockedIdentifiers;
import io.kehu.server.ingest.IngestService;
import io.kehu.server.plugins.PluginFolderWatcher;
import io.kehu.server.plugins.PluginHost;
import io.kehu.server.privacy.Suppressions;
import io.kehu.server.security.ApiKeyFilter;
import io.kehu.server.security.ApiKeys;
import io.kehu.server.web.ProfileQueryParser;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.camel.CamelContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Wires the hub's plain-Java parts; none of them knows Spring. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HubProperties.class)
public class HubConfiguration {

    /** A test may register its own clock before the context refreshes, to turn the day without waiting for it. */
    @Bean
    @ConditionalOnMissingBean(Clock.class)
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    IdentifierNormalizer identifierNormalizer(HubProperties props, BlockedIdentifiers runtimeBlocked) {
        return IdentifierNormalizer.create(props.getIdentity().getDefaultRegion(),
                new BlockList(props.getIdentity().getBlocked(), runtimeBlocked::keys));
    }

    @Bean
    ProfileQueryParser profileQueryParser(HubProperties props) {
        return new ProfileQueryParser(new PhoneNormalizer(props.getIdentity().getDefaultRegion()), new EmailNormalizer());
    }

    /** Records stage changes and tells every {@link StageChangeListener} bean (there may be none). */
    @Bean
    StageChangeRecorder stageChangeRecorder(IndexNames names, ObjectProvider<StageChangeListener> listeners) {
        return new StageChangeRecorder(names, listeners.orderedStream().toList());
    }

    @Bean
    IngestService ingestService(Documents docs, BulkWriter bulk, IndexNames names, IdentifierNormalizer normalizer,
                                LifecycleRules rules, StageChangeRecorder stageChanges, Clock clock,
                                HubProperties props, Suppressions suppressions) {
        IngestService ingest = new IngestService(docs, bulk, names, normalizer, rules, stageChanges, clock,
                props.getIngest().getBatchSize(), props.getIngest().isRefresh());
        ingest.suppressions(suppressions);
        return ingest;
    }

    @Bean
    ImportService importService(Documents docs, IndexNames names, Clock clock) {
        return new ImportService(docs, names, clock);
    }

    @Bean(destroyMethod = "close")
    PluginHost pluginHost(HubProperties props) {
        PluginHost host = new PluginHost(props.getPlugins().getDir());
        host.start();
        return host;
    }

    /** Encrypts secret config values of API-defined instances and destinations' secret state. */
    @Bean
    SecretBox secretBox(HubProperties props) {
        return SecretBox.fromKeyOrFile(System.getenv("HUB_SECRET_KEY"), props.getDataDir().resolve("secret.key"));
    }

    @Bean
    DefinitionStore definitionStore(HubProperties props, Documents docs, IndexNames names, SecretBox secrets) {
        return new DefinitionStore(props.getConnectors().getDir(), docs, names, secrets, System::getenv);
    }

    @Bean
    DeadLetterService deadLetterService(Documents docs, IndexNames names, Clock clock) {
        return new DeadLetterService(docs, names, clock);
    }

    @Bean(destroyMethod = "close")
    ConnectorRegistry connectorRegistry(PluginHost plugins, DefinitionStore definitions, IngestService ingest,
                                        KeyValueStore state, ImportService imports, DeadLetterService deadLetters,
                                        Documents docs, IndexNames names, CamelContext camel, Clock clock,
                                        HubProperties props, SecretBox secretBox, DeliveryWorkers deliveries,
                                        MeterRegistry meters) {
        HubProperties.Work w = props.getWork();
        InstanceServices services = new InstanceServices(ingest, state, imports, deadLetters, docs, names, camel,
                new RetryPolicy(w.getMaxAttempts(), w.getInitialBackoff(), w.getMaxBackoff()), clock,
                props.getDataDir().toAbsolutePath(), secretBox, deliveries, meters);
        ConnectorRegistry registry = new ConnectorRegistry(plugins, definitions, services);
        registry.startAll();
        return registry;
    }

    /** Loads plugin jars dropped into the folder, and starts the instances waiting for them. */
    @Bean(destroyMethod = "close")
    PluginFolderWatcher pluginFolderWatcher(ConnectorRegistry registry, HubProperties props) {
        PluginFolderWatcher watcher = new PluginFolderWatcher(props.getPlugins().getDir(), registry::rescanPlugins);
        watcher.start(props.getPlugins().getWatchInterval());
        return watcher;
    }

    @Bean
    WebhookDispatcher webhookDispatcher(ConnectorRegistry registry, DeadLetterService deadLetters, HubProperties props) {
        return new WebhookDispatcher(registry, deadLetters, props.getWebhooks().getRatePerSecond(),
                props.getWebhooks().getBurst());
    }

    @Bean
    ApiKeys apiKeys(HubProperties props) {
        Path generated = props.getSecurity().getGeneratedKeyFile() != null ? props.getSecurity().getGeneratedKeyFile()
                : props.getDataDir().resolve("admin-api-key");
        return ApiKeys.configure(props.getSecurity().getApiKeys(), generated);
    }

    @Bean
    FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(ApiKeys keys, ObjectMapper json) {
        FilterRegistrationBean<ApiKeyFilter> bean = new FilterRegistrationBean<>(new ApiKeyFilter(keys, json));
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        bean.addUrlPatterns("/*");
        return bean;
    }
}
