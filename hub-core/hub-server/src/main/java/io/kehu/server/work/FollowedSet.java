package io.kehu.server.work;

import io.kehu.api.HubException;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stored set held in memory, so a check on the ingest path never waits for Elasticsearch: loaded once
 * ({@link #load}), re-read by a {@link Periodic} ({@link #run}) to follow the changes other hub nodes store,
 * and changed at once for this node's own ({@link #added}, {@link #removed}).
 *
 * <p>A re-read that began before one of this node's changes may miss it in the store; the change is kept over
 * such a read (changes are numbered, and a read drops only those numbered before it began). For that to hold,
 * report a change once the store acknowledged it, and let the loader read what was acknowledged before it was
 * called (a refresh first, or real-time gets).
 *
 * <p>The members may be personal data (identifier keys, their hashes): only counts are ever logged.
 */
public final class FollowedSet<T> implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(FollowedSet.class);

    private final String what;
    private final Supplier<? extends Collection<T>> loader;

    private volatile Set<T> current = Set.of();
    /** This node's changes by number, until a read that began after them has seen them in the store. */
    private final Map<Long, Change<T>> recent = new LinkedHashMap<>();
    private long sequence;

    private record Change<T>(Collection<T> members, boolean present) {
    }

    /**
     * @param what   what the set holds, for the log ("erasure suppressions")
     * @param loader reads the whole set from the store; throws when it cannot
     */
    public FollowedSet(String what, Supplier<? extends Collection<T>> loader) {
        this.what = Objects.requireNonNull(what, "what");
        this.loader = Objects.requireNonNull(loader, "loader");
    }

    /** The members in force, unmodifiable; answered from memory. */
    public Set<T> current() {
        return current;
    }

    public int size() {
        return current.size();
    }

    /** Reads the whole set from the store, keeping this node's changes the read may have missed; throws on failure. */
    public void load() {
        long before;
        synchronized (this) {
            before = sequence;
        }
        Set<T> loaded = new HashSet<>(loader.get());
        synchronized (this) {
            // A change numbered up to `before` was acknowledged before the loader was called, so the read saw it.
            recent.keySet().removeIf(n -> n <= before);
            recent.values().forEach(c -> apply(loaded, c));
            current = Set.copyOf(loaded);
        }
    }

    /** The follower's run: a failed read keeps the set as it was until the next one. */
    @Override
    public void run() {
        int before = size();
        try {
            load();
        } catch (RuntimeException e) {
            // A hub exception's message is written for people; any other may quote what it failed to read.
            log.warn("Could not re-read the {}, keeping {} in force: {}", what, before,
                    e instanceof HubException ? e.getMessage() : e.getClass().getSimpleName());
            return;
        }
        if (size() != before) {
            log.info("{}: {} in force (was {}), following other hub nodes", what, size(), before);
        }
    }

    /** This node stored {@code members}: in force from now on. */
    public void added(Collection<T> members) {
        change(new Change<>(Set.copyOf(members), true));
    }

    /** This node deleted {@code members} from the store: out of force from now on. */
    public void removed(Collection<T> members) {
        change(new Change<>(Set.copyOf(members), false));
    }

    private synchronized void change(Change<T> c) {
        if (c.members().isEmpty()) {
            return;
        }
        recent.put(++sequence, c);
        Set<T> next = new HashSet<>(current);
        apply(next, c);
        current = Set.copyOf(next);
    }

    private static <T> void apply(Set<T> set, Change<T> c) {
        if (c.present()) {
            set.addAll(c.members());
        } else {
            set.removeAll(c.members());
        }
    }
}
