package io.kehu.server.rules;

import io.kehu.api.HubException;
import io.kehu.search.RulesVersionDoc;
import io.kehu.search.SearchPage;
import io.kehu.server.lifecycle.ConfigProblem;
import io.kehu.server.lifecycle.ConfigYaml;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes one kind of rules (lifecycle, routing) at run time: validates candidate YAML, gives each
 * accepted change the next version (monotonic across hub nodes: a version number is claimed with
 * create-if-absent), stores it with its author and puts it in force. Other hub nodes pick a stored change
 * up through {@link #follow()}.
 */
public final class RulesService<C> {

    private static final Logger log = LoggerFactory.getLogger(RulesService.class);
    /** Versions tried when other nodes claim numbers at the same moment. */
    private static final int MAX_CLAIMS = 20;
    /** Stored versions looked at for one that is still valid. */
    private static final int CANDIDATES = 50;

    /** The rules in force as the API shows them. {@code source} is {@code file} or {@code api}. */
    public record RulesView<C>(int version, String source, String author, Instant createdAt, String yaml, C rules) {
    }

    /** The outcome of validating candidate YAML; {@code config} is null when it could not be read. */
    public record Validation<C>(C config, List<ConfigProblem> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    private final RulesKind<C> kind;
    private final Supplier<C> inForce;
    private final Consumer<C> replace;
    private final RulesStore store;
    private final Clock clock;
    private final int fileVersion;
    private final String fileYaml;

    /**
     * @param fileYaml the text of the file the hub started from (the classpath defaults when it is missing)
     * @param inForce  the rules in force now; {@code replace} puts others in force
     */
    public RulesService(RulesKind<C> kind, Supplier<C> inForce, Consumer<C> replace, RulesStore store,
                        String fileYaml, Clock clock) {
        this.kind = kind;
        this.inForce = inForce;
        this.replace = replace;
        this.store = store;
        this.clock = clock;
        this.fileYaml = fileYaml;
        this.fileVersion = kind.version(kind.parse(fileYaml).config());
    }

    public String kind() {
        return kind.name();
    }

    /**
     * The rules to start with: the newest valid stored version, unless the file has a higher version
     * (someone edited the file and bumped its version since the last API change).
     */
    public static <C> C startupConfig(C file, RulesStore store, RulesKind<C> kind) {
        C stored = newestValid(store, kind, kind.version(file));
        if (stored != null) {
            return stored;
        }
        log.info("{} rules: using version {} from the file", kind.name(), kind.version(file));
        return file;
    }

    /** The newest stored version at or above {@code atLeast} that is still valid, or null. */
    private static <C> C newestValid(RulesStore store, RulesKind<C> kind, int atLeast) {
        for (RulesVersionDoc doc : store.newestFirst(0, CANDIDATES, true).items()) {
            if (doc.version() < atLeast) {
                break;
            }
            ConfigYaml.Parsed<C> parsed = kind.parse(doc.yaml());
            if (parsed.config() != null) {
                C stored = kind.withVersion(parsed.config(), doc.version());
                if (kind.validate(stored).isEmpty()) {
                    log.info("{} rules: using stored version {} (by {})", kind.name(), doc.version(), doc.author());
                    return stored;
                }
            }
            // A newer hub may validate more strictly than the one that accepted the version.
            log.warn("{} rules: stored version {} is no longer valid; trying an older one", kind.name(), doc.version());
        }
        return null;
    }

    /**
     * Puts in force a newer version another hub node stored; cheap when there is none (one search for the
     * highest number). Returns whether the rules in force changed.
     */
    public boolean follow() {
        int current = kind.version(inForce.get());
        if (store.highestVersion().orElse(0) <= current) {
            return false;
        }
        C newer = newestValid(store, kind, current + 1);
        return newer != null && putInForce(newer);
    }

    public RulesView<C> current() {
        C config = inForce.get();
        return store.get(kind.version(config)).map(d -> apiView(d, config))
                .orElseGet(() -> new RulesView<>(kind.version(config), "file", null, null, fileYaml, config));
    }

    public SearchPage<RulesVersionDoc> versions(int from, int size) {
        return store.newestFirst(from, size, false);
    }

    /** A stored version, or the file's when {@code version} is the file's and was never stored. */
    public Optional<RulesView<C>> version(int version) {
        Optional<RulesView<C>> stored = store.get(version)
                .map(d -> apiView(d, kind.withVersion(kind.parse(d.yaml()).config(), d.version())));
        if (stored.isPresent() || version != fileVersion) {
            return stored;
        }
        return Optional.of(new RulesView<>(version, "file", null, null, fileYaml, kind.parse(fileYaml).config()));
    }

    private static <C> RulesView<C> apiView(RulesVersionDoc d, C config) {
        return new RulesView<>(d.version(), "api", d.author(), d.createdAt(), d.yaml(), config);
    }

    /**
     * Every problem of candidate YAML. Its {@code version} is ignored: the hub assigns versions, so
     * the candidate is checked as the next one.
     */
    public Validation<C> validate(String yaml) {
        ConfigYaml.Parsed<C> parsed = kind.parse(yaml);
        if (parsed.problem() != null) {
            return new Validation<>(null, List.of(parsed.problem()));
        }
        C candidate = kind.withVersion(parsed.config(), kind.version(inForce.get()) + 1);
        try {
            return new Validation<>(candidate, kind.validate(candidate));
        } catch (RuntimeException e) {
            // A shape the validator does not expect (an empty list entry, say): refused, not a 500.
            log.debug("{} rules could not be validated", kind.name(), e);
            return new Validation<>(null, List.of(new ConfigProblem("(document)",
                    "cannot be validated: an entry is empty or of the wrong shape")));
        }
    }

    /** Validates, stores as the next version and puts the rules in force; refused with every problem. */
    public RulesVersionDoc put(String yaml, String author) {
        Validation<C> v = validate(yaml);
        if (!v.valid()) {
            throw new RulesInvalidException(kind.name(), v.problems());
        }
        int version = Math.max(kind.version(inForce.get()), store.highestVersion().orElse(0)) + 1;
        for (int claim = 0; claim < MAX_CLAIMS; claim++, version++) {
            RulesVersionDoc doc = new RulesVersionDoc(version, yaml, author, clock.instant());
            if (store.createIfAbsent(doc)) {
                putInForce(kind.withVersion(v.config(), version));
                log.info("{} rules version {} accepted from API key {}", kind.name(), version, author);
                return doc;
            }
        }
        throw HubException.retryable("Could not claim a " + kind.name()
                + " rules version: too many concurrent changes", null);
    }

    /** Two changes racing on one node: the higher version wins, whichever finishes last. */
    private synchronized boolean putInForce(C config) {
        if (kind.version(config) > kind.version(inForce.get())) {
            replace.accept(config);
            return true;
        }
        return false;
    }
}
