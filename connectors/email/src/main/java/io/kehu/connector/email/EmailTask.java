package io.kehu.connector.email;

import io.kehu.api.HubException;
import io.kehu.api.spi.DeadLetter;
import io.kehu.api.spi.SourceContext;
import io.kehu.api.spi.SourceTask;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mail.MailComponent;
import org.apache.camel.component.mail.MailEndpoint;
import org.apache.camel.component.mail.MailMessage;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One running mailbox: a camel-mail consumer per folder, route ids {@code <instanceId>-mail-<n>}.
 *
 * <p>Every consumer peeks ({@code peek=true}: fetching does not mark a mail read) and never
 * deletes. A mail is marked read, and moved to {@code moveTo} when set, only once its exchange
 * succeeded, i.e. once the hub acknowledged its records, or once it was skipped as automated, or
 * kept as a dead letter. When the hub cannot store records the exchange fails and the mail stays
 * unread for the next poll.
 *
 * <p>Incoming folders are read by the unread flag ({@code unseen=true}) without Camel's
 * idempotent repository: a skipped-but-unread duplicate would otherwise stay unread forever.
 * Sent folders (and incoming ones with {@code includeSeen}) are read by date through a
 * {@link FolderWindow}, with an in-memory idempotent repository keyed on the Message-ID. Either
 * way the interaction ids derive from the Message-ID, so reading a mail twice changes nothing.
 */
final class EmailTask implements SourceTask {

    private static final Logger log = LoggerFactory.getLogger(EmailTask.class);
    private static final int SEEN_CACHE = 10_000;
    /** Bounds one poll, e.g. the first one of a mailbox with thousands of unread mails; the rest follow on the next polls. */
    static final int MAX_PER_POLL = 500;

    private final SourceContext context;
    private final EmailConfig config;
    private final EmailIngestor ingestor;
    private final Clock clock;
    private final List<String> routeIds = new ArrayList<>();
    private volatile boolean closed;

    EmailTask(SourceContext context, EmailConfig config, EmailIngestor ingestor, Clock clock) {
        this.context = context;
        this.config = config;
        this.ingestor = ingestor;
        this.clock = clock;
    }

    void start() {
        List<String> folders = config.allFolders();
        List<FolderWindow> windows = new ArrayList<>();
        for (String folder : folders) {
            windows.add(config.readsByDate(folder) ? new FolderWindow(context.state(), folder, clock) : null);
        }
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() throws Exception {
                // Failures that reach Camel are all "try again later" (see onMail): no error handler, no redelivery,
                // just a failed exchange that camel-mail rolls back.
                errorHandler(noErrorHandler());
                for (int i = 0; i < folders.size(); i++) {
                    String folder = folders.get(i);
                    FolderWindow window = windows.get(i);
                    MailEndpoint endpoint = mailEndpoint(getContext().getComponent(config.protocol(), MailComponent.class), folder, window);
                    String routeId = context.instanceId() + "-mail-" + (i + 1);
                    routeIds.add(routeId);
                    from(endpoint).routeId(routeId).process(exchange -> onMail(exchange, folder, endpoint, window));
                }
            }
        });
        log.info("Reading {} folder(s) of {} mailbox at {}:{} every {}", folders.size(), config.protocol(), config.host(),
                config.port(), config.pollInterval());
    }

    List<String> routeIds() {
        return List.copyOf(routeIds);
    }

    /** A consumer endpoint for one folder; built in code so the password never appears in an endpoint URI. */
    MailEndpoint mailEndpoint(MailComponent component, String folder, FolderWindow window) throws Exception {
        String uri = config.protocol() + "://" + config.host() + ":" + config.port()
                + "?folderName=" + URLEncoder.encode(folder, StandardCharsets.UTF_8);
        MailEndpoint endpoint = (MailEndpoint) component.createEndpoint(uri);
        var c = endpoint.getConfiguration();
        c.setUsername(config.username());
        c.setPassword(config.password());
        c.setFolderName(folder);
        c.setPeek(true);
        c.setDelete(false);
        c.setMapMailMessage(false); // the raw bytes are all we need; no eager mapping of bodies and attachments
        c.setHandleFailedMessage(true); // a mail the server cannot even hand out must not stop the others
        c.setCloseFolder(true);
        c.setAdditionalJavaMailProperties(config.javaMailProperties());
        boolean sent = config.isSentFolder(folder);
        // Sent mail stays where it is: moving it would empty the user's Sent folder.
        c.setMoveTo(sent ? null : config.moveTo());
        if (window != null) {
            c.setUnseen(false);
            endpoint.setSearchTerm(window.searchTerm());
            IdempotentRepository seen = MemoryIdempotentRepository.memoryIdempotentRepository(SEEN_CACHE);
            ServiceHelper.startService(seen);
            endpoint.setIdempotentRepository(seen);
            // Camel forgets a key on commit by default, trusting the SEEN flag; here the flag proves nothing.
            endpoint.setIdempotentRepositoryRemoveOnCommit(false);
        } else {
            c.setUnseen(true);
        }
        endpoint.setMaxMessagesPerPoll(MAX_PER_POLL);
        long delay = Math.max(1, config.pollInterval().toMillis());
        endpoint.setDelay(delay);
        endpoint.setInitialDelay(Math.min(1000, delay));
        return endpoint;
    }

    private void onMail(Exchange exchange, String folder, MailEndpoint endpoint, FolderWindow window) {
        if (closed) {
            throw new RetryLaterException("The email connector " + context.instanceId() + " is stopping; the mail stays unread");
        }
        MDC.put("connector.id", context.instanceId());
        MDC.put("plugin.id", EmailConnector.TYPE);
        try {
            if (window != null) {
                window.begin(exchange.getProperty(ExchangePropertyKey.BATCH_INDEX, 0, Integer.class));
            }
            try {
                Message mail = exchange.getIn(MailMessage.class).getOriginalMessage();
                ingestor.accept(raw(mail), folder, receivedAt(mail));
            } catch (RuntimeException e) {
                // Only retryable failures leave EmailIngestor (anything else became a dead letter there), and
                // fetching the raw mail fails only on connection trouble: the mail stays unread for the next poll.
                if (window != null) {
                    window.failed();
                }
                if (e instanceof HubException h && h.retryable()) {
                    throw new RetryLaterException("A mail in " + folder + " stays unread and is tried again on the next poll: "
                            + h.getMessage());
                }
                throw e;
            } finally {
                // A poll cut short by MAX_PER_POLL leaves mail behind: the cursor only moves after a whole one.
                if (window != null && exchange.getProperty(ExchangePropertyKey.BATCH_COMPLETE, false, Boolean.class)
                        && exchange.getProperty(ExchangePropertyKey.BATCH_SIZE, 0, Integer.class) < MAX_PER_POLL
                        && window.complete()) {
                    endpoint.setSearchTerm(window.searchTerm());
                }
            }
        } finally {
            MDC.remove("connector.id");
            MDC.remove("plugin.id");
        }
    }

    /** The mail exactly as the server stores it; with peek set, fetching it does not mark it read. */
    private static byte[] raw(Message mail) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024); // not getSize(): one more round trip
            mail.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException | IOException e) {
            throw HubException.retryable("Could not fetch a mail from the server: " + e.getClass().getSimpleName(), e);
        }
    }

    private static Instant receivedAt(Message mail) {
        try {
            return mail.getReceivedDate() == null ? null : mail.getReceivedDate().toInstant();
        } catch (MessagingException e) {
            return null;
        }
    }

    @Override
    public void replay(DeadLetter letter) {
        ingestor.replay(letter);
    }

    @Override
    public void close() {
        closed = true;
        log.info("Stopped reading the {} mailbox at {}", config.protocol(), config.host());
    }
}
