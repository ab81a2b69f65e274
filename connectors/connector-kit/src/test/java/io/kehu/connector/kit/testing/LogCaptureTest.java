package io.kehu.connector.kit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogCaptureTest {

    @Test
    void capturesDebugMessagesArgumentsAndNestedExceptionsUnderIoKehu() {
        try (LogCapture logs = new LogCapture()) {
            LoggerFactory.getLogger("io.kehu.x").debug("token {}", "abc", new IllegalStateException("outer",
                    new IllegalArgumentException("inner")));
            LoggerFactory.getLogger("org.other").warn("not ours");

            assertThat(logs.texts()).contains("token abc", "abc", "java.lang.IllegalStateException: outer",
                    "java.lang.IllegalArgumentException: inner");
            assertThat(logs.text()).doesNotContain("not ours");
        }
    }

    @Test
    void capturesOnlyTheNamedLoggerAndItsChildren() {
        try (LogCapture logs = LogCapture.of("io.kehu.sample")) {
            LoggerFactory.getLogger("io.kehu.sample.Child").debug("mine");
            LoggerFactory.getLogger("io.kehu.other").warn("not mine");
            assertThat(logs.texts()).containsExactly("mine");
        }
    }

    @Test
    void stopsCapturingWhenClosed() {
        LogCapture logs = LogCapture.of("io.kehu.sample");
        logs.close();
        LoggerFactory.getLogger("io.kehu.sample").warn("after");
        assertThat(logs.texts()).isEmpty();
    }
}
