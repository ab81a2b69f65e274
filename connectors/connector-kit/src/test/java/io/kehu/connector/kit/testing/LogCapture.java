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
 * Everything logged under a logger, DEBUG included, while it is open: for tests that assert a secret
 * never reaches the logs. Shipped in the kit's test-jar so every destination plugin's tests share it.
 */
public final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final Level before;
    private final boolean additive;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture(String name) {
        logger = (Logger) LoggerFactory.getLogger(name);
        before = logger.getLevel();
        additive = logger.isAdditive();
        logger.setLevel(Level.DEBUG);
        logger.setAdditive(false); // DEBUG lines and expected failures would only clutter the build output
        appender.start();
        logger.addAppender(appender);
    }

    /** Captures the logger {@code name} and its children, e.g. {@code io.kehu}. */
    public static LogCapture of(String name) {
        return new LogCapture(name);
    }

    /** Each event's formatted message, its raw arguments and its exception's messages. */
    public List<String> texts() {
        List<String> out = new ArrayList<>();
        for (ILoggingEvent e : appender.list) {
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

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(before);
        logger.setAdditive(additive);
    }
}
