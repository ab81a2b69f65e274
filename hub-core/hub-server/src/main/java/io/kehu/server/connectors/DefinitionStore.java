package io.kehu.server.connectors;

import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kehu.api.HubException;
import io.kehu.api.spi.ConfigField;
import io.kehu.search.ConnectorDoc;
import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where instance definitions live: YAML files in {@code config/connectors} (read-only to the API;
 * {@code ${ENV_VAR}} placeholders resolved so secrets stay out of the files) and API-defined ones
 * in the connectors index, with secret values encrypted.
 */
public final class DefinitionStore {

    private static final Logger log = LoggerFactory.getLogger(DefinitionStore.class);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?}");

    private final Path dir;
    private final Documents docs;
    private final IndexNames names;
    private final SecretBox secrets;
    private final Function<String, String> env;
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    public DefinitionStore(Path dir, Documents docs, IndexNames names, SecretBox secrets, Function<String, String> env) {
        this.dir = dir;
        this.docs = docs;
        this.names = names;
        this.secrets = secrets;
        this.env = env;
    }

    /** Every definition; a file that cannot be read is logged and skipped, never fatal. */
    public List<InstanceDefinition> loadAll() {
        List<InstanceDefinition> out = new ArrayList<>(loadFiles());
        var r = Documents.call(() -> docs.client().search(s -> s.index(names.connectors()).size(1000), ConnectorDoc.class),
                names.connectors());
        for (ConnectorDoc d : r.hits().hits().stream().map(Hit::source).toList()) {
            Map<String, Object> config = new LinkedHashMap<>();
            d.config().forEach((k, v) -> config.put(k, v instanceof String s ? secrets.decrypt(s) : v));
            out.add(new InstanceDefinition(d.id(), d.type(), d.enabled(), config, InstanceDefinition.API));
        }
        return out;
    }

    private List<InstanceDefinition> loadFiles() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<InstanceDefinition> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).sorted().toList()) {
                try {
                    Map<?, ?> raw = yaml.readValue(f.toFile(), Map.class);
                    String id = String.valueOf(raw.get("id"));
                    String type = String.valueOf(raw.get("type"));
                    boolean enabled = !Boolean.FALSE.equals(raw.get("enabled"));
                    Map<String, Object> config = new LinkedHashMap<>();
                    if (raw.get("config") instanceof Map<?, ?> c) {
                        c.forEach((k, v) -> config.put(String.valueOf(k), resolve(v)));
                    }
                    out.add(new InstanceDefinition(id, type, enabled, config, InstanceDefinition.FILE));
                } catch (IOException | RuntimeException e) {
                    log.error("Skipping connector definition {}: {}", f.getFileName(), e.getMessage());
                }
            }
        } catch (IOException e) {
            throw HubException.configuration("Cannot list connector definitions in " + dir);
        }
        return out;
    }

    private Object resolve(Object value) {
        if (!(value instanceof String s)) {
            return value;
        }
        Matcher m = PLACEHOLDER.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = env.apply(m.group(1));
            m.appendReplacement(sb, Matcher.quoteReplacement(v != null ? v : m.group(2) != null ? m.group(2) : ""));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** Stores an API-defined instance; secret fields are encrypted first. */
    public void save(InstanceDefinition def, List<ConfigField> fields) {
        Map<String, Object> stored = new LinkedHashMap<>(def.config());
        for (ConfigField f : fields) {
            if (f.secret() && stored.get(f.key()) instanceof String s && !s.isEmpty()) {
                stored.put(f.key(), secrets.encrypt(s));
            }
        }
        docs.put(names.connectors(), def.id(), new ConnectorDoc(def.id(), def.type(), def.enabled(), InstanceDefinition.API,
                stored, Instant.now()), true);
    }

    public void delete(String id) {
        docs.delete(names.connectors(), id);
    }

    public Path dir() {
        return dir;
    }
}
