package io.kehu.connector.email;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The timeline summary of a mail: its subject and what the writer wrote this time. Quoted text
 * of earlier mails and the signature are removed, as are the quote headers of the common mailers:
 * <ul>
 *   <li>lines starting with {@code >};</li>
 *   <li>"On … wrote:" (Gmail, Apple Mail, Thunderbird; also split over two lines) and
 *       "在 … 写道：" (Chinese Gmail, Foxmail);</li>
 *   <li>"-----Original Message-----" (Outlook), "------------------ 原始邮件 ------------------"
 *       (QQ Mail, Foxmail), and an Outlook header block ("From: … / Sent: …", "发件人： … / 发送时间： …")
 *       or a line of underscores before one;</li>
 *   <li>a signature after a {@code -- } line, and "Sent from my iPhone", "发自我的iPhone" footers.</li>
 * </ul>
 * After a quote header everything is cut, unless what follows is {@code >}-quoted (bottom-posting):
 * then only the header and the quoted lines go, and the answer below them stays.
 */
final class EmailSummarizer {

    private static final Pattern QUOTED = Pattern.compile("^\\s*>.*");
    private static final Pattern ORIGINAL = Pattern.compile(
            "^\\s*-{2,}\\s*(?:Original Message|Forwarded message|Forwarded Message|原始邮件|原始郵件|转发邮件|转发的邮件|轉寄郵件)\\s*-{2,}\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern UNDERSCORES = Pattern.compile("^\\s*_{8,}\\s*$");
    private static final Pattern WROTE = Pattern.compile("^\\s*On\\s.{0,300}\\swrote\\s*:\\s*$", Pattern.DOTALL);
    private static final Pattern WROTE_ZH = Pattern.compile("^\\s*(?:在|于|於).{0,300}(?:写道|寫道)\\s*[:：]\\s*$", Pattern.DOTALL);
    private static final Pattern HEADER_FROM = Pattern.compile("^\\s*\\*?(?:From|发件人|寄件者|發件人)\\*?\\s*[:：].*", Pattern.CASE_INSENSITIVE);
    private static final Pattern HEADER_NEXT = Pattern.compile(
            "^\\s*\\*?(?:Sent|Date|To|Subject|发送时间|日期|收件人|主题|寄件日期|傳送時間|時間)\\*?\\s*[:：].*", Pattern.CASE_INSENSITIVE);
    private static final Pattern SIGNATURE = Pattern.compile("^(?:-- ?|—— ?)$");
    private static final Pattern FOOTER = Pattern.compile(
            "^\\s*(?:Sent from my .{1,40}|Get Outlook for .{1,40}|发自我的.{1,30}|從我的.{1,30}傳送|发自.{0,20}邮箱.{0,20}|来自.{0,20}邮箱.{0,20}|Sent from Mail for Windows.*)\\s*$",
            Pattern.CASE_INSENSITIVE);

    private final int maxChars;

    EmailSummarizer(int maxChars) {
        this.maxChars = maxChars;
    }

    /** Subject, a line break and the trimmed body, cut to the configured length. */
    String summarize(String subject, String text) {
        String s = subject == null ? "" : subject.strip();
        String b = trimBody(text);
        String joined = s.isEmpty() ? b : b.isEmpty() ? s : s + "\n" + b;
        return truncate(joined, maxChars);
    }

    /** The body without quoted replies and signature, blank lines collapsed. */
    static String trimBody(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').replace('\u00A0', ' ').split("\n", -1);
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String stripped = line.strip();
            if (SIGNATURE.matcher(line.stripLeading()).matches() || FOOTER.matcher(stripped).matches()) {
                break;
            }
            if (ORIGINAL.matcher(line).matches() || isHeaderBlock(lines, i)) {
                break;
            }
            if (UNDERSCORES.matcher(line).matches() && (isHeaderBlock(lines, i + 1) || nextNonBlank(lines, i + 1) < 0)) {
                break;
            }
            int attribution = attributionLength(lines, i);
            if (attribution > 0) {
                int next = nextNonBlank(lines, i + attribution);
                if (next >= 0 && QUOTED.matcher(lines[next]).matches()) {
                    i += attribution - 1; // bottom-posting: drop the header, the quotes go below, the answer stays
                    continue;
                }
                break;
            }
            if (QUOTED.matcher(line).matches()) {
                continue;
            }
            kept.add(line);
        }
        return HtmlText.tidy(String.join("\n", kept));
    }

    /** 1 or 2 when line i starts an "On … wrote:" / "在 … 写道：" attribution (which mailers wrap onto a second line), else 0. */
    private static int attributionLength(String[] lines, int i) {
        String one = lines[i].strip();
        if (one.isEmpty()) {
            return 0;
        }
        if (WROTE.matcher(one).matches() || WROTE_ZH.matcher(one).matches()) {
            return 1;
        }
        if (i + 1 < lines.length && (one.startsWith("On ") || one.startsWith("在") || one.startsWith("于"))) {
            String two = one + " " + lines[i + 1].strip();
            if (WROTE.matcher(two).matches() || WROTE_ZH.matcher(two).matches()) {
                return 2;
            }
        }
        return 0;
    }

    /** An Outlook-style header of the quoted mail: a From line followed closely by Sent/Date/To/Subject lines. */
    private static boolean isHeaderBlock(String[] lines, int i) {
        if (i < 0 || i >= lines.length || !HEADER_FROM.matcher(lines[i]).matches()) {
            return false;
        }
        for (int j = i + 1; j < Math.min(lines.length, i + 4); j++) {
            if (HEADER_NEXT.matcher(lines[j]).matches()) {
                return true;
            }
        }
        return false;
    }

    private static int nextNonBlank(String[] lines, int from) {
        for (int j = from; j < lines.length; j++) {
            if (!lines[j].isBlank()) {
                return j;
            }
        }
        return -1;
    }

    /** Cuts to at most {@code max} characters (code points), ending in an ellipsis when something was cut. */
    static String truncate(String s, int max) {
        int count = s.codePointCount(0, s.length());
        if (count <= max) {
            return s;
        }
        int end = s.offsetByCodePoints(0, Math.max(0, max - 1));
        return s.substring(0, end).stripTrailing() + "…";
    }
}
