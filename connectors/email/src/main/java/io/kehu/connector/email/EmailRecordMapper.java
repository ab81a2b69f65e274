package io.kehu.connector.email;

import io.kehu.api.domain.Identifier;
import io.kehu.api.domain.Interaction;
import io.kehu.api.domain.Lead;
import io.kehu.api.domain.SourceRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns a parsed mail into source records: who it concerns and an {@code email} interaction.
 *
 * <p>Incoming mail concerns its sender; outgoing mail (in a sent folder, or sent by a colleague
 * and found in an incoming folder, e.g. when the shared mailbox was in CC) concerns every external
 * recipient in To, Cc and Bcc. Addresses at the own domains and the mailbox's own address are
 * never leads.
 *
 * <p>Ids are derived from the Message-ID (a fingerprint of the headers and body for mail without
 * one): {@code mail:<hash>} for the sender of an incoming mail, {@code mail:<hash>:<hash of the
 * address>} per recipient of an outgoing one, since the hub keeps one profile per interaction id.
 * The same mail read again, from a redelivery, another folder, another mailbox or a replay,
 * therefore yields the same ids, and the hub overwrites instead of adding.
 */
final class EmailRecordMapper {

    static final String SOURCE = "email";
    static final String TYPE = "email";

    /**
     * The records of one mail, or why there are none.
     *
     * @param outgoing whether the mail went out from the company
     * @param skipped  null when there are records, else why not (e.g. every recipient is a colleague)
     */
    record Mapped(List<SourceRecord> records, boolean outgoing, String skipped) {
    }

    private final Set<String> ownDomains;
    private final Set<String> ownAddresses;
    private final EmailSummarizer summarizer;

    EmailRecordMapper(Set<String> ownDomains, Set<String> ownAddresses, EmailSummarizer summarizer) {
        this.ownDomains = Set.copyOf(ownDomains);
        this.ownAddresses = Set.copyOf(ownAddresses);
        this.summarizer = summarizer;
    }

    Mapped map(ParsedMail mail, String folder, boolean sentFolder) {
        boolean outgoing = sentFolder || isOwn(mail.from());
        String key = mailKey(mail);
        String summary = summarizer.summarize(mail.subject(), mail.text());
        Map<String, String> details = details(mail, folder, outgoing);
        List<SourceRecord> records = new ArrayList<>();
        if (!outgoing) {
            records.add(record(key, mail, folder, mail.from(), summary, details));
            return new Mapped(records, false, null);
        }
        Set<String> done = new LinkedHashSet<>();
        for (MailAddress to : Stream.of(mail.to(), mail.cc(), mail.bcc()).flatMap(List::stream).toList()) {
            if (isOwn(to) || !done.add(to.normalized())) {
                continue;
            }
            records.add(record(key + ":" + hash(to.normalized()).substring(0, 16), mail, folder, to, summary, details));
        }
        return new Mapped(records, true, records.isEmpty() ? "no external recipient" : null);
    }

    /** Whether an address belongs to the company: the mailbox itself or one of the own domains (and their subdomains). */
    boolean isOwn(MailAddress a) {
        if (ownAddresses.contains(a.normalized())) {
            return true;
        }
        String domain = a.domain();
        for (String own : ownDomains) {
            if (domain.equals(own) || domain.endsWith("." + own)) {
                return true;
            }
        }
        return false;
    }

    /** {@code mail:} and a hash of the Message-ID, or of sender, recipients, date, subject and body when it has none. */
    static String mailKey(ParsedMail mail) {
        String basis;
        if (mail.messageId() != null) {
            basis = "id|" + mail.messageId();
        } else {
            basis = "headers|" + mail.from().normalized()
                    + "|" + Stream.of(mail.to(), mail.cc()).flatMap(List::stream).map(MailAddress::normalized).collect(Collectors.joining(","))
                    + "|" + (mail.date() == null ? "" : mail.date().toEpochMilli())
                    + "|" + mail.subject()
                    + "|" + hash(mail.text());
        }
        return "mail:" + hash(basis).substring(0, 32);
    }

    private SourceRecord record(String key, ParsedMail mail, String folder, MailAddress person, String summary, Map<String, String> details) {
        Lead lead = new Lead(person.name(), null, null, null, List.of(Identifier.email(person.address())), SOURCE,
                List.of(), null, null, Map.of(), mail.date());
        Interaction interaction = new Interaction(key, TYPE, SOURCE, mail.date(), summary, details);
        String position = folder + " " + (mail.messageId() != null ? mail.messageId() : key);
        return new SourceRecord(key, position, lead, interaction);
    }

    private static Map<String, String> details(ParsedMail mail, String folder, boolean outgoing) {
        Map<String, String> d = new LinkedHashMap<>();
        put(d, "subject", mail.subject());
        put(d, "messageId", mail.messageId());
        put(d, "inReplyTo", mail.inReplyTo());
        put(d, "references", String.join(" ", mail.references()));
        put(d, "threadId", mail.threadId());
        d.put("direction", outgoing ? "out" : "in");
        put(d, "folder", folder);
        put(d, "from", format(List.of(mail.from())));
        put(d, "to", format(mail.to()));
        put(d, "cc", format(mail.cc()));
        if (!mail.attachments().isEmpty()) {
            d.put("attachmentCount", Integer.toString(mail.attachments().size()));
            d.put("attachments", attachmentsJson(mail.attachments()));
        }
        return d;
    }

    private static void put(Map<String, String> d, String key, String value) {
        if (value != null && !value.isBlank()) {
            d.put(key, value);
        }
    }

    private static String format(List<MailAddress> addresses) {
        return addresses.stream()
                .map(a -> a.name() == null ? a.address() : a.name() + " <" + a.address() + ">")
                .collect(Collectors.joining(", "));
    }

    /** Names, sizes and types as a JSON array: the interaction's details are flat strings. */
    static String attachmentsJson(List<ParsedMail.Attachment> attachments) {
        return attachments.stream()
                .map(a -> "{\"name\":" + json(a.name()) + ",\"size\":" + a.size() + ",\"type\":" + json(a.contentType()) + "}")
                .collect(Collectors.joining(",", "[", "]"));
    }

    private static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    static String hash(String s) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest((s == null ? "" : s).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
