package io.kehu.connector.email;

import io.kehu.api.spi.StateStore;
import jakarta.mail.search.ComparisonTerm;
import jakarta.mail.search.ReceivedDateTerm;
import jakarta.mail.search.SearchTerm;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Date;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a folder by received date instead of by the unread flag: for sent folders, whose mail is
 * read the moment it is written, and for incoming folders when mail a person already opened must
 * count too.
 *
 * <p>The cursor is the start of the last poll in which every mail succeeded, kept in the
 * instance's durable state; each poll asks the server for mail received since one day before it
 * (IMAP SINCE has day granularity, in the server's time zone). A poll with a failure leaves the
 * cursor where it was, so the failed mail comes up again. Mail seen twice inside the overlap is
 * skipped by the route's in-memory idempotent repository and, after a restart, ingested again
 * harmlessly under the same interaction ids. A new instance starts from its first start, so it
 * picks up about one day of older mail, not the folder's whole history.
 */
final class FolderWindow {

    private static final Logger log = LoggerFactory.getLogger(FolderWindow.class);
    static final Duration OVERLAP = Duration.ofDays(1);

    private final StateStore state;
    private final String key;
    private final Clock clock;
    private volatile Instant cursor;
    private Instant batchStart;
    private boolean batchFailed;

    FolderWindow(StateStore state, String folder, Clock clock) {
        this.state = state;
        this.key = "window." + folder;
        this.clock = clock;
        Instant c = null;
        try {
            c = state.get(key).map(Instant::parse).orElse(null);
        } catch (DateTimeParseException e) {
            log.warn("The stored read position of folder {} is unreadable; reading from now on", folder);
        }
        if (c == null) {
            c = clock.instant();
            state.put(key, c.toString());
        }
        this.cursor = c;
    }

    Instant cursor() {
        return cursor;
    }

    /** What the next poll asks the server for. */
    SearchTerm searchTerm() {
        return new ReceivedDateTerm(ComparisonTerm.GE, Date.from(cursor.minus(OVERLAP)));
    }

    /** Before each mail of a poll; the first one opens the poll. */
    void begin(int index) {
        if (index == 0) {
            batchStart = clock.instant();
            batchFailed = false;
        }
    }

    void failed() {
        batchFailed = true;
    }

    /** After the last mail of a poll: moves the cursor to the poll's start when all of it succeeded. */
    boolean complete() {
        if (batchFailed || batchStart == null) {
            return false;
        }
        try {
            state.put(key, batchStart.toString());
        } catch (RuntimeException e) {
            log.warn("Could not store the read position of a folder; the next poll reads the same days again: {}", e.toString());
            return false;
        }
        cursor = batchStart;
        return true;
    }
}
