package io.kehu.server.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.kehu.api.HubException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The set against a fake store. "Another node" changes the store directly; "this node" changes it and then tells
 * the set, as the services do once Elasticsearch acknowledged. A read that is under way is simulated by a loader
 * that takes its snapshot first and lets this node change things before it returns.
 */
class FollowedSetTest {

    private final Set<String> store = new HashSet<>(Set.of("phone:+8613900000001"));
    /** Runs inside the next load, after the loader's snapshot of the store: a change racing the read. */
    private Runnable duringNextLoad = () -> { };
    private Supplier<Set<String>> loader = () -> {
        Set<String> snapshot = Set.copyOf(store);
        Runnable during = duringNextLoad;
        duringNextLoad = () -> { };
        during.run();
        return snapshot;
    };
    private final FollowedSet<String> set = new FollowedSet<>("test keys", () -> loader.get());

    @Test
    void ownAdditionSurvivesAReloadThatBeganBeforeIt() {
        set.load();
        duringNextLoad = () -> thisNodeAdds("email:info@corp.cn");

        set.load();

        assertThat(set.current()).containsExactlyInAnyOrder("phone:+8613900000001", "email:info@corp.cn");
    }

    @Test
    void ownRemovalSurvivesAReloadThatBeganBeforeIt() {
        set.load();
        duringNextLoad = () -> thisNodeRemoves("phone:+8613900000001");

        set.load();

        assertThat(set.current()).isEmpty();
    }

    @Test
    void ownChangesAreInForceAtOnceWithoutAReload() {
        set.load();

        thisNodeAdds("email:info@corp.cn");
        thisNodeRemoves("phone:+8613900000001");

        assertThat(set.current()).containsExactly("email:info@corp.cn");
    }

    @Test
    void aReloadThatBeganAfterAChangeReflectsTheStore() {
        set.load();
        thisNodeAdds("email:info@corp.cn");
        // Then another node lifted it again and added one of its own.
        store.remove("email:info@corp.cn");
        store.add("phone:+8613900000002");

        set.load();

        assertThat(set.current()).containsExactlyInAnyOrder("phone:+8613900000001", "phone:+8613900000002");
    }

    @Test
    void aChangeKeptOverOneReloadIsDroppedByTheNextSoTheStoreDecidesAgain() {
        set.load();
        duringNextLoad = () -> thisNodeAdds("email:info@corp.cn");
        set.load();
        store.remove("email:info@corp.cn");

        set.load();

        assertThat(set.current()).containsExactly("phone:+8613900000001");
    }

    @Test
    void aFailedReloadKeepsTheSetAndWarnsWithCountsOnly() {
        set.load();
        thisNodeAdds("email:info@corp.cn");
        loader = () -> {
            throw HubException.retryable("Elasticsearch unavailable while accessing kehu-state", null);
        };
        ListAppender<ILoggingEvent> logs = captureLogs();
        try {
            set.run();
        } finally {
            logger().detachAppender(logs);
        }

        assertThat(set.current()).containsExactlyInAnyOrder("phone:+8613900000001", "email:info@corp.cn");
        assertThat(logs.list).singleElement().satisfies(e -> assertThat(e.getFormattedMessage())
                .contains("test keys", "keeping 2 in force", "Elasticsearch unavailable")
                .doesNotContain("+8613900000001", "info@corp.cn"));
    }

    @Test
    void aFailureOtherThanTheHubsOwnIsLoggedByItsKindNotItsMessage() {
        set.load();
        loader = () -> {
            throw new IllegalArgumentException("cannot read phone:+8613900000009");
        };
        ListAppender<ILoggingEvent> logs = captureLogs();
        try {
            set.run();
        } finally {
            logger().detachAppender(logs);
        }

        assertThat(set.size()).isEqualTo(1);
        assertThat(logs.list).singleElement().satisfies(e -> assertThat(e.getFormattedMessage())
                .contains("IllegalArgumentException").doesNotContain("+8613900000009"));
    }

    @Test
    void aFailedLoadThrowsToItsCallerAndLeavesTheSetAsItWas() {
        loader = () -> {
            throw HubException.retryable("Elasticsearch unavailable", null);
        };

        assertThatThrownBy(set::load).isInstanceOf(HubException.class);
        assertThat(set.current()).isEmpty();
    }

    private void thisNodeAdds(String key) {
        store.add(key);
        set.added(List.of(key));
    }

    private void thisNodeRemoves(String key) {
        store.remove(key);
        set.removed(List.of(key));
    }

    private static Logger logger() {
        return (Logger) LoggerFactory.getLogger(FollowedSet.class);
    }

    private static ListAppender<ILoggingEvent> captureLogs() {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger().addAppender(logs);
        return logs;
    }
}
