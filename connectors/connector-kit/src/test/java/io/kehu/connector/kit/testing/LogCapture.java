package io.kehu.connector.kit.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Everything logged under a logger (by default {@code io.kehu}), at every level, while it is open: for
 * tests that assert a secret never reaches the logs. Shipped in the kit's test-jar so every destination
 * plugin's tests share it.
 */
public final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final Level previous;
    private final boolean previousAdditive;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    /** Captures {@code io.kehu} and its children. */
    public LogCapture() {
        this("io.kehu");
    }

    private LogCapture(String name) {
        logger = (Logger) LoggerFactory.getLogger(name);
        previous = logger.getLevel();
        previousAdditive = logger.isAdditive();
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.ALL);
        // Captured, not printed: DEBUG output and expected failures would drown the build log.
        logger.setAdditive(false);
    }

    /** Captures the logger {@code name} and its children. */
    public static LogCapture of(String name) {
        return new LogCapture(name);
    }

    /** Each event's formatted message, its raw arguments and the messages of its exception and causes. */
    public List<String> texts() {
        List<String> out = new ArrayList<>();
        for (ILoggingEvent e : List.copyOf(appender.list)) {
            out.add(e.getFormattedMessage());
            if (e.getArgumentArray() != null) {
                for (Object a : e.getArgumentArray()) {
                    out.add(String.valueOf(a));
                }
            }
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                out.add(t.getClassName() + ": " + t.getMessage());
            }
        }
        return out;
    }

    /** {@link #texts()} as one text. */
    public String text() {
        return String.join("\n", texts());
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(previous);
        logger.setAdditive(previousAdditive);
    }
}
