package io.kehu.connector.email;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recognises mail no person wrote to us: auto-replies, bounces, mailing lists and bulk mail. Such
 * mail creates no lead and no interaction; the connector counts it and marks it processed.
 *
 * <p>Headers decide first (RFC 3834 {@code Auto-Submitted}, {@code List-Id}, {@code Precedence},
 * the vendor auto-reply headers, a null {@code Return-Path}, delivery reports); then the sender
 * (mailer-daemon, postmaster, no-reply); last the subject prefixes that Chinese providers put on
 * auto-replies and bounces without setting any header (QQ Mail's "自动回复:", "系统退信").
 */
final class AutomatedMailFilter {

    private static final Set<String> DAEMONS = Set.of("mailer-daemon", "postmaster", "mail-daemon", "maildaemon", "mailerdaemon");
    private static final Pattern NO_REPLY = Pattern.compile("^(?:no-?reply|do-?not-?reply|donotreply|noreply[-.].*|.*[-.]noreply)$");
    private static final Pattern AUTO_SUBJECT = Pattern.compile(
            "^\\s*(?:自动回复|自動回覆|自动答复|Auto(?:matic)?[- ]?(?:Reply|Response)|Out of (?:the )?Office(?: Reply)?|"
                    + "Undeliver(?:able|ed)(?: Mail| Message)?|Delivery Status Notification|Mail Delivery (?:Failure|Failed|System)|"
                    + "Returned mail|系统退信|退信|投递失败|邮件投递失败)\\s*(?:[:：(（]|$)",
            Pattern.CASE_INSENSITIVE);

    /** Why the mail is automated, e.g. {@code auto-submitted} or {@code mailing-list}; null when a person sent it. */
    String reason(ParsedMail mail) {
        String autoSubmitted = mail.header("Auto-Submitted");
        if (autoSubmitted != null && !lower(autoSubmitted).replaceAll("[\\s;(].*$", "").equals("no")) {
            return "auto-submitted";
        }
        if (mail.header("X-Autoreply") != null || mail.header("X-Autorespond") != null
                || mail.header("X-Autoresponder") != null || mail.header("X-Auto-Reply") != null) {
            return "auto-reply";
        }
        String precedence = lower(mail.header("Precedence"));
        if (precedence != null && (precedence.equals("bulk") || precedence.equals("junk") || precedence.equals("list")
                || precedence.equals("auto_reply"))) {
            return precedence.equals("auto_reply") ? "auto-reply" : "bulk";
        }
        if (mail.header("List-Id") != null || mail.header("List-Unsubscribe") != null && precedence != null) {
            return "mailing-list";
        }
        String returnPath = mail.header("Return-Path");
        if (returnPath != null && returnPath.replaceAll("\\s", "").equals("<>")) {
            return "bounce";
        }
        if (mail.header("X-Failed-Recipients") != null) {
            return "bounce";
        }
        String contentType = lower(mail.header("Content-Type"));
        if (contentType != null && contentType.startsWith("multipart/report")) {
            return "bounce";
        }
        String local = mail.from().localPart();
        if (DAEMONS.contains(local)) {
            return "bounce";
        }
        if (NO_REPLY.matcher(local).matches()) {
            return "no-reply";
        }
        if (mail.subject() != null && AUTO_SUBJECT.matcher(mail.subject()).find()) {
            return "auto-reply";
        }
        return null;
    }

    private static String lower(String s) {
        return s == null ? null : s.strip().toLowerCase(Locale.ROOT);
    }
}
