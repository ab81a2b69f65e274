package io.kehu.connector.email;

import io.kehu.api.HubException;
import io.kehu.api.Masking;
import io.kehu.api.spi.DeadLetter;
import io.kehu.api.spi.IngestResult;
import io.kehu.api.spi.SourceContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to one mail, from its raw bytes to the hub: parse, skip automated mail, map,
 * ingest. The mailbox routes and dead-letter replays share it.
 *
 * <p>On the live path a mail that cannot be understood (or that the hub refuses for good) is kept
 * whole in the dead-letter store and counts as processed, so the poll goes on and the mail is
 * marked read or moved; only a retryable ingest failure (the hub's store is unavailable) is
 * thrown, so that the mail stays unread and is tried again on the next poll.
 */
final class EmailIngestor {

    private static final Logger log = LoggerFactory.getLogger(EmailIngestor.class);
    static final String LETTER_TYPE = "mail";
    static final String CONTENT_TYPE = "message/rfc822";
    private static final Pattern HEADER_END = Pattern.compile("\\r?\\n\\r?\\n");
    private static final Pattern RAW_MESSAGE_ID = Pattern.compile("(?im)^Message-ID:[ \\t]*(?:\\r?\\n[ \\t]+)?(<[^<>\\s]+>)");

    /** What became of a mail. */
    enum Outcome {
        INGESTED,
        AUTOMATED,
        NOT_A_CUSTOMER,
        DEAD_LETTER
    }

    private final SourceContext context;
    private final EmailConfig config;
    private final EmailMessageParser parser = new EmailMessageParser();
    private final AutomatedMailFilter filter = new AutomatedMailFilter();
    private final EmailRecordMapper mapper;

    EmailIngestor(SourceContext context, EmailConfig config) {
        this.context = context;
        this.config = config;
        this.mapper = new EmailRecordMapper(config.ownDomains(), config.ownAddresses(), new EmailSummarizer(config.maxSummaryChars()));
    }

    /**
     * The live path.
     *
     * @throws HubException retryable when the hub could not store the records: the mail must stay unread
     */
    Outcome accept(byte[] raw, String folder, Instant receivedAt) {
        context.metrics().increment("mails.read", 1);
        try {
            return process(raw, folder, receivedAt);
        } catch (HubException e) {
            if (e.retryable()) {
                context.metrics().increment("mails.retried", 1);
                context.metrics().error("A mail from " + folder + " could not be stored and is tried again on the next poll: "
                        + e.getMessage());
                throw e;
            }
            return deadLetter(raw, folder, receivedAt, e.getMessage(), e.kind().name());
        } catch (RuntimeException e) {
            log.error("A mail in folder {} failed on a defect; it is kept as a dead letter", folder, e);
            return deadLetter(raw, folder, receivedAt, "Internal error while processing the mail: " + e.getClass().getSimpleName(), "BUG");
        }
    }

    /** The replay path: processes a stored mail again and throws whatever fails. */
    void replay(DeadLetter letter) {
        if (!LETTER_TYPE.equals(letter.type())) {
            throw HubException.invalidInput("Not a mail dead letter (type " + letter.type() + ")");
        }
        String folder = letter.metadata().getOrDefault("folder", "INBOX");
        Instant receivedAt = null;
        try {
            String r = letter.metadata().get("receivedAt");
            receivedAt = r == null ? null : Instant.parse(r);
        } catch (DateTimeParseException e) {
            // the Date header, or the time of the replay, serves instead
        }
        try {
            Outcome outcome = process(letter.payload(), folder, receivedAt);
            log.info("Replayed a dead-lettered mail from folder {}: {}", folder, outcome);
        } catch (HubException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new HubException(HubException.Kind.BUG, "Internal error while processing the mail: " + e.getClass().getSimpleName(), e);
        }
    }

    private Outcome process(byte[] raw, String folder, Instant receivedAt) {
        ParsedMail head = parser.parseHeaders(raw, receivedAt);
        String automated = filter.reason(head);
        if (automated != null) {
            context.metrics().increment("mails.skipped.automated", 1);
            log.debug("Skipped a mail in {} ({}): {}", folder, automated, Masking.maskEmail(head.from().address()));
            return Outcome.AUTOMATED;
        }
        ParsedMail mail = parser.parse(raw, receivedAt);
        EmailRecordMapper.Mapped mapped = mapper.map(mail, folder, config.isSentFolder(folder));
        if (mapped.records().isEmpty()) {
            context.metrics().increment("mails.skipped.internal", 1);
            log.debug("Skipped a mail in {}: {}", folder, mapped.skipped());
            return Outcome.NOT_A_CUSTOMER;
        }
        IngestResult result = context.ingest().submit(mapped.records());
        context.metrics().increment("mails.ingested", 1); // records.* are counted by the hub's sink
        for (IngestResult.Rejection r : result.rejected()) {
            log.debug("The hub refused a record of a mail in {}: {}", folder, r.reason());
        }
        if (log.isDebugEnabled()) {
            log.debug("Ingested a mail in {} ({}, {} record(s)) from {}", folder, mapped.outgoing() ? "out" : "in",
                    mapped.records().size(), Masking.maskEmail(mail.from().address()));
        }
        return Outcome.INGESTED;
    }

    private Outcome deadLetter(byte[] raw, String folder, Instant receivedAt, String reason, String kind) {
        String messageId = rawMessageId(raw);
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("folder", folder);
        if (messageId != null) {
            metadata.put("messageId", messageId);
        }
        if (receivedAt != null) {
            metadata.put("receivedAt", receivedAt.toString());
        }
        String key = messageId != null ? messageId : "sha256:" + EmailRecordMapper.hash(new String(raw, StandardCharsets.ISO_8859_1));
        String id = context.deadLetters().put(new DeadLetter(key, LETTER_TYPE, reason, CONTENT_TYPE, raw, metadata));
        context.metrics().increment("mails.deadLettered", 1);
        log.warn("A mail in folder {} could not be processed ({}); it is kept whole as dead letter {} for inspection and replay",
                folder, kind, id);
        return Outcome.DEAD_LETTER;
    }

    /** The Message-ID straight from the header block, for mail too broken to parse. */
    static String rawMessageId(byte[] raw) {
        String text = new String(raw, 0, Math.min(raw.length, 256 * 1024), StandardCharsets.ISO_8859_1);
        Matcher end = HEADER_END.matcher(text);
        String headerBlock = end.find() ? text.substring(0, end.start()) : text;
        Matcher m = RAW_MESSAGE_ID.matcher(headerBlock);
        return m.find() ? m.group(1) : null;
    }
}
