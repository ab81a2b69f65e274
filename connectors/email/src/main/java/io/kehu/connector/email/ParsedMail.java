package io.kehu.connector.email;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One mail as the connector understands it. Attachments are described, never kept.
 *
 * @param messageId  the Message-ID with its angle brackets, or null when the mail has none
 * @param date       the Date header, else the server's received date, else null
 * @param inReplyTo  the first id of In-Reply-To, or null
 * @param references the ids of References, oldest first
 * @param text       the body as plain text (HTML converted), untrimmed
 * @param headers    the first value of every header, by lower-cased name, as raw as it came
 */
record ParsedMail(
        String messageId,
        MailAddress from,
        List<MailAddress> to,
        List<MailAddress> cc,
        List<MailAddress> bcc,
        String subject,
        Instant date,
        String inReplyTo,
        List<String> references,
        String text,
        List<Attachment> attachments,
        Map<String, String> headers) {

    ParsedMail {
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
        references = List.copyOf(references);
        attachments = List.copyOf(attachments);
        headers = Map.copyOf(headers);
    }

    /** The raw first value of a header, or null. */
    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The id the conversation is known by: the first reference, else the replied-to mail, else this mail. */
    String threadId() {
        if (!references.isEmpty()) {
            return references.get(0);
        }
        return inReplyTo != null ? inReplyTo : messageId;
    }

    /**
     * A file attached to the mail.
     *
     * @param name        the decoded file name
     * @param size        decoded size in bytes
     * @param contentType the MIME type, lower-cased, without parameters
     */
    record Attachment(String name, long size, String contentType) {
    }
}
