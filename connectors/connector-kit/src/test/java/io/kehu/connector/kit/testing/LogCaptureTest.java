package io.kehu.connector.kit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogCaptureTest {

    @Test
    void capturesDebugLinesAndExceptionMessagesUnderIoKehu() {
        try (LogCapture logs = new LogCapture()) {
            LoggerFactory.getLogger("io.kehu.x").debug("token {}", "abc", new IllegalStateException("outer",
                    new IllegalArgumentException("inner")));
            LoggerFactory.getLogger("org.other").warn("not ours");

            assertThat(logs.text()).contains("token abc").contains("outer").contains("inner").doesNotContain("not ours");
        }
    }
}
