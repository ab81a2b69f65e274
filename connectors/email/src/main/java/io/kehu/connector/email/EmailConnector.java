package io.kehu.connector.email;

import io.kehu.api.spi.CheckResult;
import io.kehu.api.spi.ConfigProblem;
import io.kehu.api.spi.ConnectorConfig;
import io.kehu.api.spi.ConnectorDescriptor;
import io.kehu.api.spi.ConnectorKind;
import io.kehu.api.spi.SourceConnector;
import io.kehu.api.spi.SourceContext;
import io.kehu.api.spi.SourceTask;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.pf4j.Extension;

/** Reads IMAP and IMAPS mailboxes: each mail becomes an interaction on a customer's profile. */
@Extension
public class EmailConnector implements SourceConnector {

    public static final String TYPE = "email";

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor(
            TYPE,
            "Email (IMAP)",
            "邮箱",
            "Reads IMAP/IMAPS mailboxes: each mail becomes an interaction on its sender's profile, sent mail on its "
                    + "recipients'. Auto-replies, bounces and mailing lists are skipped; colleagues are never leads.",
            ConnectorKind.SOURCE,
            EmailConfig.FIELDS);

    private final Clock clock;

    public EmailConnector() {
        this(Clock.systemUTC());
    }

    EmailConnector(Clock clock) {
        this.clock = clock;
    }

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<ConfigProblem> validate(ConnectorConfig config) {
        return EmailConfig.validate(config);
    }

    /** Logs in and looks for every configured folder; changes nothing. */
    @Override
    public CheckResult check(ConnectorConfig connectorConfig) {
        EmailConfig config = new EmailConfig(connectorConfig);
        String where = config.protocol() + "://" + config.host() + ":" + config.port();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // Jakarta Mail finds its IMAP provider through the context class loader; the hub's loader has it.
        thread.setContextClassLoader(Session.class.getClassLoader());
        try {
            Session session = Session.getInstance(config.javaMailProperties());
            try (Store store = session.getStore(config.protocol())) {
                store.connect(config.host(), config.port(), config.username(), config.password());
                List<String> missing = new ArrayList<>();
                for (String name : config.allFolders()) {
                    Folder folder = store.getFolder(name);
                    if (!folder.exists()) {
                        missing.add(name);
                    }
                }
                if (!missing.isEmpty()) {
                    return CheckResult.failed("Logged in to " + where + ", but these folders do not exist: "
                            + String.join(", ", missing) + ". The server has: " + folderNames(store));
                }
                return CheckResult.ok("Logged in to " + where + " and found " + config.allFolders().size() + " folder(s)");
            }
        } catch (AuthenticationFailedException e) {
            return CheckResult.failed("The server " + where + " refused the login: check the username and the password "
                    + "(an app password or 授权码 where two-step login is on), and that IMAP is enabled for the mailbox");
        } catch (MessagingException e) {
            return CheckResult.failed("Cannot talk to " + where + ": " + e.getClass().getSimpleName()
                    + (e.getCause() != null ? " (" + e.getCause().getClass().getSimpleName() + ")" : ""));
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** The mailbox's folder names as the server lists them (they differ by provider and language), at most 40. */
    private static String folderNames(Store store) throws MessagingException {
        List<String> names = new ArrayList<>();
        for (Folder f : store.getDefaultFolder().list("*")) {
            if ((f.getType() & Folder.HOLDS_MESSAGES) != 0 && names.size() < 40) {
                names.add(f.getFullName());
            }
        }
        return names.isEmpty() ? "(no folders)" : String.join(", ", names);
    }

    @Override
    public SourceTask start(SourceContext context) {
        EmailConfig config = new EmailConfig(context.config());
        EmailTask task = new EmailTask(context, config, new EmailIngestor(context, config), clock);
        task.start();
        return task;
    }
}
