package io.kehu.connector.kit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogCaptureTest {

    @Test
    void capturesDebugMessagesArgumentsAndExceptionsOfChildLoggers() {
        try (LogCapture logs = LogCapture.of("io.kehu.sample")) {
            LoggerFactory.getLogger("io.kehu.sample.Child").debug("sent {}", "arg-1", new IllegalStateException("boom"));
            assertThat(logs.texts()).contains("sent arg-1", "arg-1", "java.lang.IllegalStateException: boom");
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
