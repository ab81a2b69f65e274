package io.kehu.connector.email;

import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Turns an HTML mail body into plain text for the summary: block elements become line breaks,
 * scripts, styles and images disappear, and the lines of a {@code <blockquote>} (how Gmail,
 * Outlook and QQ Mail quote the mail being answered) are prefixed with {@code > } so that
 * {@link EmailSummarizer} removes them as it removes quoted plain text.
 */
final class HtmlText {

    private static final Set<String> BLOCKS = Set.of(
            "p", "div", "li", "ul", "ol", "tr", "table", "tbody", "thead", "tfoot", "h1", "h2", "h3", "h4", "h5", "h6",
            "pre", "hr", "section", "article", "header", "footer", "aside", "nav", "dl", "dt", "dd", "form",
            "address", "center", "fieldset", "figure", "figcaption", "main", "blockquote", "caption");
    private static final Set<String> SKIPPED = Set.of("script", "style", "head", "title", "noscript", "template", "object", "svg");

    private HtmlText() {
    }

    static String toText(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        Document doc = Jsoup.parse(html);
        doc.select(String.join(",", SKIPPED)).remove();
        Writer w = new Writer();
        NodeTraversor.traverse(w, doc.body());
        return tidy(w.out.toString());
    }

    /** Trailing blanks off every line, at most one empty line in a row, no blank edges. */
    static String tidy(String text) {
        StringBuilder b = new StringBuilder(text.length());
        int blank = 0;
        for (String line : text.split("\n", -1)) {
            String l = line.stripTrailing();
            if (l.isBlank()) {
                if (++blank > 1) {
                    continue;
                }
                l = "";
            } else {
                blank = 0;
            }
            b.append(l).append('\n');
        }
        return b.toString().strip();
    }

    private static final class Writer implements NodeVisitor {
        final StringBuilder out = new StringBuilder();
        int quote;
        int pre;
        boolean lineStart = true;
        boolean space;

        @Override
        public void head(Node node, int depth) {
            if (node instanceof TextNode t) {
                text(t.getWholeText());
            } else if (node instanceof Element e) {
                String n = e.normalName();
                if (n.equals("br")) {
                    out.append('\n');
                    lineStart = true;
                    space = false;
                } else if (BLOCKS.contains(n)) {
                    newline();
                    if (n.equals("blockquote")) {
                        quote++;
                    } else if (n.equals("pre")) {
                        pre++;
                    }
                } else if (n.equals("td") || n.equals("th")) {
                    space = !lineStart;
                }
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (node instanceof Element e) {
                String n = e.normalName();
                if (BLOCKS.contains(n)) {
                    if (n.equals("blockquote")) {
                        quote = Math.max(0, quote - 1);
                    } else if (n.equals("pre")) {
                        pre = Math.max(0, pre - 1);
                    }
                    newline();
                    if (n.equals("p")) {
                        out.append('\n');
                    }
                }
            }
        }

        private void newline() {
            if (!lineStart) {
                out.append('\n');
                lineStart = true;
            }
            space = false;
        }

        private void text(String raw) {
            String t = raw.replace('\u00A0', ' ');
            if (pre > 0) {
                for (int i = 0; i < t.length(); i++) {
                    char c = t.charAt(i);
                    if (c == '\n') {
                        out.append('\n');
                        lineStart = true;
                    } else if (c != '\r') {
                        prefix();
                        out.append(c);
                    }
                }
                return;
            }
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                if (c != '\u3000' && Character.isWhitespace(c)) {
                    space = true;
                    continue;
                }
                if (space && !lineStart) {
                    out.append(' ');
                }
                prefix();
                out.append(c);
                space = false;
            }
        }

        private void prefix() {
            if (lineStart) {
                out.append("> ".repeat(quote));
                lineStart = false;
            }
        }
    }
}
