package io.kehu.server.rules;

import io.kehu.api.HubException;
import io.kehu.search.RulesVersionDoc;
import io.kehu.search.SearchPage;
import io.kehu.server.lifecycle.ConfigProblem;
import io.kehu.server.lifecycle.LifecycleConfig;
import io.kehu.server.lifecycle.LifecycleConfigLoader;
import io.kehu.server.lifecycle.LifecycleRules;
import io.kehu.server.lifecycle.Scorer;
import io.kehu.server.lifecycle.StageEngine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes the lifecycle rules at run time: validates candidate YAML, gives each accepted change the
 * next version (monotonic across hub nodes: a version number is claimed with create-if-absent),
 * stores it with its author and puts it in force.
 */
public final class RulesService {

    private static final Logger log = LoggerFactory.getLogger(RulesService.class);
    /** Versions tried when other nodes claim numbers at the same moment. */
    private static final int MAX_CLAIMS = 20;
    /** Stored versions looked at on start for one that is still valid. */
    private static final int STARTUP_CANDIDATES = 50;

    /** The rules in force as the API shows them. {@code source} is {@code file} or {@code api}. */
    public record RulesView(int version, String source, String author, Instant createdAt, String yaml,
                            LifecycleConfig rules) {
    }

    /** The outcome of validating candidate YAML; {@code config} is null when it could not be read. */
    public record Validation(LifecycleConfig config, List<ConfigProblem> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    private final LifecycleRules rules;
    private final RulesStore store;
    private final LifecycleConfigLoader loader = new LifecycleConfigLoader();
    private final Clock clock;
    private final int fileVersion;
    private final String fileYaml;

    /** {@code lifecycleFile} is the file the hub started from (the classpath defaults when it is missing). */
    public RulesService(LifecycleRules rules, RulesStore store, Path lifecycleFile, Clock clock) {
        this.rules = rules;
        this.store = store;
        this.clock = clock;
        this.fileYaml = readSeed(lifecycleFile);
        this.fileVersion = loader.parse(fileYaml).config().version();
    }

    /**
     * The rules to start with: the newest valid stored version, unless the file has a higher version
     * (someone edited {@code config/lifecycle.yml} and bumped it since the last API change).
     */
    public static LifecycleConfig startupConfig(LifecycleConfig file, RulesStore store) {
        LifecycleConfigLoader loader = new LifecycleConfigLoader();
        for (RulesVersionDoc doc : store.newestFirst(0, STARTUP_CANDIDATES, true).items()) {
            if (doc.version() < file.version()) {
                break;
            }
            LifecycleConfigLoader.Parsed parsed = loader.parse(doc.yaml());
            if (parsed.config() != null) {
                LifecycleConfig stored = withVersion(parsed.config(), doc.version());
                List<ConfigProblem> problems = loader.validate(stored);
                if (problems.isEmpty()) {
                    log.info("Lifecycle rules: using stored version {} (by {})", doc.version(), doc.author());
                    return stored;
                }
            }
            // A newer hub may validate more strictly than the one that accepted the version.
            log.warn("Lifecycle rules: stored version {} is no longer valid; trying an older one", doc.version());
        }
        log.info("Lifecycle rules: using version {} from the file", file.version());
        return file;
    }

    public RulesView current() {
        LifecycleConfig config = rules.current().config();
        return store.get(config.version()).map(d -> apiView(d, config))
                .orElseGet(() -> new RulesView(config.version(), "file", null, null, fileYaml, config));
    }

    public SearchPage<RulesVersionDoc> versions(int from, int size) {
        return store.newestFirst(from, size, false);
    }

    /** A stored version, or the file's when {@code version} is the file's and was never stored. */
    public Optional<RulesView> version(int version) {
        Optional<RulesView> stored = store.get(version)
                .map(d -> apiView(d, withVersion(loader.parse(d.yaml()).config(), d.version())));
        if (stored.isPresent() || version != fileVersion) {
            return stored;
        }
        return Optional.of(new RulesView(version, "file", null, null, fileYaml, loader.parse(fileYaml).config()));
    }

    private static RulesView apiView(RulesVersionDoc d, LifecycleConfig config) {
        return new RulesView(d.version(), "api", d.author(), d.createdAt(), d.yaml(), config);
    }

    /**
     * Every problem of candidate YAML. Its {@code version} is ignored: the hub assigns versions, so
     * the candidate is checked as the next one.
     */
    public Validation validate(String yaml) {
        LifecycleConfigLoader.Parsed parsed = loader.parse(yaml);
        if (parsed.problem() != null) {
            return new Validation(null, List.of(parsed.problem()));
        }
        LifecycleConfig candidate = withVersion(parsed.config(), rules.current().version() + 1);
        try {
            List<ConfigProblem> problems = loader.validate(candidate);
            if (problems.isEmpty()) {
                // The engines must build, or the next batch would fail instead of this request.
                new Scorer(candidate);
                new StageEngine(candidate.lifecycle());
            }
            return new Validation(candidate, problems);
        } catch (RuntimeException e) {
            // A shape the validator does not expect (an empty list entry, say): refused, not a 500.
            log.debug("Lifecycle rules could not be validated", e);
            return new Validation(null, List.of(new ConfigProblem("(document)",
                    "cannot be validated: an entry is empty or of the wrong shape")));
        }
    }

    /** Validates, stores as the next version and puts the rules in force; refused with every problem. */
    public RulesVersionDoc put(String yaml, String author) {
        Validation v = validate(yaml);
        if (!v.valid()) {
            throw new RulesInvalidException(v.problems());
        }
        int version = Math.max(rules.current().version(), store.highestVersion().orElse(0)) + 1;
        for (int claim = 0; claim < MAX_CLAIMS; claim++, version++) {
            RulesVersionDoc doc = new RulesVersionDoc(version, yaml, author, clock.instant());
            if (store.createIfAbsent(doc)) {
                putInForce(withVersion(v.config(), version));
                log.info("Lifecycle rules version {} accepted from API key {}", version, author);
                return doc;
            }
        }
        throw HubException.retryable("Could not claim a lifecycle rules version: too many concurrent changes", null);
    }

    /** Two changes racing on one node: the higher version wins, whichever finishes last. */
    private synchronized void putInForce(LifecycleConfig config) {
        if (config.version() > rules.current().version()) {
            rules.replace(config);
        }
    }

    private static LifecycleConfig withVersion(LifecycleConfig c, int version) {
        return c == null ? null : new LifecycleConfig(version, c.lifecycle(), c.scoring());
    }

    private static String readSeed(Path file) {
        try {
            if (file != null && Files.isRegularFile(file)) {
                return Files.readString(file, StandardCharsets.UTF_8);
            }
            try (InputStream in = LifecycleConfigLoader.class.getResourceAsStream(LifecycleConfigLoader.DEFAULT_RESOURCE)) {
                if (in == null) {
                    throw HubException.configuration("Default lifecycle config is missing");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw HubException.configuration("Cannot read lifecycle config " + file + ": " + e.getMessage());
        }
    }
}
