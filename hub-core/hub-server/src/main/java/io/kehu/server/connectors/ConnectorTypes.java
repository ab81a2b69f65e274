package io.kehu.server.connectors;

import io.kehu.api.spi.CheckResult;
import io.kehu.api.spi.ConfigField;
import io.kehu.api.spi.ConfigProblem;
import io.kehu.api.spi.ConnectorConfig;
import io.kehu.api.spi.ConnectorDescriptor;
import io.kehu.api.spi.DestinationConnector;
import io.kehu.api.spi.SourceConnector;
import io.kehu.server.plugins.PluginHost;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The connector types the started plugins provide, sources and destinations alike, and the checks of
 * an instance definition against its type.
 */
public final class ConnectorTypes {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    /** The connector id of the records the hub writes itself for merges made by hand ({@code ManualMerge}). */
    public static final String MANUAL_MERGES = "manual";
    /** Connector ids the hub writes records under itself: an instance of that id would share their record keys. */
    private static final Set<String> RESERVED_IDS = Set.of(MANUAL_MERGES);

    private final PluginHost plugins;

    public ConnectorTypes(PluginHost plugins) {
        this.plugins = plugins;
    }

    /** One type with the plugin that provides it; exactly one of {@code source} and {@code destination} is set. */
    public record Type(String pluginId, SourceConnector source, DestinationConnector destination) {

        public ConnectorDescriptor descriptor() {
            return source != null ? source.descriptor() : destination.descriptor();
        }

        public boolean isDestination() {
            return destination != null;
        }

        /** The configuration the plugin gets: a destination's values without the hub's own fields. */
        public ConnectorConfig config(Map<String, Object> values) {
            return new ConnectorConfig(descriptor().fields(),
                    isDestination() ? DailyBudgetSettings.pluginValues(values) : values);
        }

        /** The schema as the API shows it: a destination's fields followed by the hub's daily budget fields. */
        public ConnectorDescriptor schema() {
            ConnectorDescriptor d = descriptor();
            if (!isDestination()) {
                return d;
            }
            List<ConfigField> fields = new ArrayList<>(d.fields());
            fields.addAll(DailyBudgetSettings.FIELDS);
            return new ConnectorDescriptor(d.type(), d.name(), d.nameZh(), d.description(), d.kind(), fields);
        }

        List<ConfigProblem> validate(ConnectorConfig config) {
            return source != null ? source.validate(config) : destination.validate(config);
        }

        CheckResult check(ConnectorConfig config) {
            return source != null ? source.check(config) : destination.check(config);
        }
    }

    /** The type of that name; a source wins if a destination has the same name. */
    public Optional<Type> find(String type) {
        return all().filter(t -> t.descriptor().type().equals(type)).findFirst();
    }

    public List<ConnectorDescriptor> descriptors() {
        return all().map(Type::schema).toList();
    }

    public List<ConfigField> fields(String type) {
        return find(type).map(t -> t.descriptor().fields()).orElse(List.of());
    }

    /** Every problem with a definition: id, type, field values and the connector's own checks. */
    public List<ConfigProblem> validate(InstanceDefinition def) {
        List<ConfigProblem> problems = new ArrayList<>();
        if (def.id() == null || !ID.matcher(def.id()).matches()) {
            problems.add(new ConfigProblem("id", "must be 1–63 lower-case letters, digits or dashes, starting with a letter or digit"));
        } else if (RESERVED_IDS.contains(def.id())) {
            problems.add(new ConfigProblem("id", "'" + def.id() + "' is the hub's own source (merges made by hand); choose another id"));
        }
        Optional<Type> type = find(def.type());
        if (type.isEmpty()) {
            problems.add(new ConfigProblem("type", "no started plugin provides connector type '" + def.type() + "'"));
            return problems;
        }
        ConnectorConfig config = type.get().config(def.config());
        problems.addAll(config.validate());
        if (type.get().isDestination()) {
            problems.addAll(DailyBudgetSettings.problems(def.config()));
        }
        if (problems.isEmpty()) {
            problems.addAll(type.get().validate(config));
        }
        return problems;
    }

    /** The type of a valid definition; refuses an invalid one with every problem. */
    public Type requireValid(InstanceDefinition def) {
        List<ConfigProblem> problems = validate(def);
        if (!problems.isEmpty()) {
            throw new ConfigInvalidException("The connector definition is invalid", problems);
        }
        return find(def.type()).orElseThrow();
    }

    /** Tries the remote side with a valid definition. */
    public CheckResult check(InstanceDefinition def) {
        Type type = requireValid(def);
        return type.check(type.config(def.config()));
    }

    private Stream<Type> all() {
        return Stream.concat(
                plugins.sources().stream().map(p -> new Type(p.pluginId(), p.connector(), null)),
                plugins.destinations().stream().map(p -> new Type(p.pluginId(), null, p.connector())));
    }
}
