package io.kehu.server.web;

import io.kehu.api.HubException;
import io.kehu.api.spi.CheckResult;
import io.kehu.api.spi.ConfigProblem;
import io.kehu.api.spi.ConnectorDescriptor;
import io.kehu.api.spi.ImportReport;
import io.kehu.server.connectors.ConnectorRegistry;
import io.kehu.server.connectors.InstanceDefinition;
import io.kehu.server.connectors.InstanceStatus;
import io.kehu.server.config.HubProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Connector types (the plugins' config schemas) and instances, managed at run time. */
@RestController
@RequestMapping("/api/v1")
public class ConnectorController {

    private final ConnectorRegistry registry;
    private final Path uploadDir;

    public ConnectorController(ConnectorRegistry registry, HubProperties props) {
        this.registry = registry;
        this.uploadDir = props.getDataDir().resolve("uploads");
    }

    /** The request body for creating or changing an instance. */
    public record DefinitionRequest(String id, String type, Boolean enabled, Map<String, Object> config) {
        InstanceDefinition toDefinition(String pathId) {
            return new InstanceDefinition(pathId != null ? pathId : id, type, enabled == null || enabled, config,
                    InstanceDefinition.API);
        }
    }

    @GetMapping("/connector-types")
    public List<ConnectorDescriptor> types() {
        return registry.types();
    }

    @GetMapping("/connectors")
    public List<InstanceStatus> list() {
        return registry.list();
    }

    @PostMapping("/connectors")
    @ResponseStatus(HttpStatus.CREATED)
    public InstanceStatus create(@RequestBody DefinitionRequest body) {
        return registry.create(body.toDefinition(null));
    }

    /** Checks a definition without saving it: every problem at once. */
    @PostMapping("/connectors/validate")
    public Map<String, Object> validate(@RequestBody DefinitionRequest body) {
        List<ConfigProblem> problems = registry.validate(body.toDefinition(null));
        return Map.of("valid", problems.isEmpty(), "errors", problems);
    }

    @GetMapping("/connectors/{id}")
    public InstanceStatus get(@PathVariable String id) {
        return registry.get(id);
    }

    @PutMapping("/connectors/{id}")
    public InstanceStatus update(@PathVariable String id, @RequestBody DefinitionRequest body) {
        return registry.update(id, body.toDefinition(id));
    }

    @DeleteMapping("/connectors/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(@PathVariable String id) {
        registry.delete(id);
    }

    @PostMapping("/connectors/{id}/start")
    public InstanceStatus start(@PathVariable String id) {
        return registry.start(id);
    }

    @PostMapping("/connectors/{id}/stop")
    public InstanceStatus stop(@PathVariable String id) {
        return registry.stop(id);
    }

    /** Tries the remote side with the instance's configuration. */
    @PostMapping("/connectors/{id}/check")
    public CheckResult check(@PathVariable String id) {
        return registry.check(id);
    }

    @GetMapping("/connectors/{id}/health")
    public InstanceStatus health(@PathVariable String id) {
        return registry.get(id);
    }

    /** Imports an uploaded file through the instance and answers with the import's report. */
    @PostMapping(path = "/connectors/{id}/uploads", consumes = "multipart/form-data")
    public ImportReport upload(@PathVariable String id, @RequestParam("file") MultipartFile file) {
        String name = file.getOriginalFilename() == null ? "upload" : Path.of(file.getOriginalFilename()).getFileName().toString();
        Path stored = null;
        try {
            Files.createDirectories(uploadDir);
            stored = uploadDir.resolve(UUID.randomUUID() + "-" + name.replaceAll("[^\\p{L}\\p{N}._-]", "_"));
            file.transferTo(stored);
            return registry.upload(id, name, stored);
        } catch (IOException e) {
            throw new HubException(HubException.Kind.REMOTE_RETRYABLE, "Could not store the upload: " + e.getMessage(), e);
        } finally {
            if (stored != null) {
                try {
                    Files.deleteIfExists(stored);
                } catch (IOException ignored) {
                    // A leftover upload is harmless; the folder is scratch space.
                }
            }
        }
    }
}
