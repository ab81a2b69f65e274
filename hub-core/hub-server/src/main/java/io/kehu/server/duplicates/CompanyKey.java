package io.kehu.server.duplicates;

import io.kehu.server.identity.ChineseScript;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What two company names are compared by when looking for possible duplicates: the name folded (full-width to
 * half-width, lower case, runs of spaces and punctuation made one space, trimmed) with its legal form taken off the
 * end, so {@code 杭州云栖科技有限公司}, {@code 杭州云栖科技} and {@code 杭州云栖科技公司} compare equal, as do
 * {@code Acme Co., Ltd.} and {@code ACME}. Deliberately simple: a city prefix ({@code 杭州}), a branch
 * ({@code 上海分公司}) or an English against a Chinese name still compare unequal, which errs on the side of
 * showing fewer suspects, never of merging anybody.
 */
public final class CompanyKey {

    /** Legal forms, longest first; taken off the end repeatedly ({@code 集团有限公司} loses both). */
    private static final List<String> SUFFIXES = List.of(
            "股份有限公司", "有限责任公司", "有限公司", "集团公司", "集团", "公司",
            "company limited", "co ltd", "corporation", "limited", "company", "corp", "ltd", "inc", "llc", "gmbh",
            "plc", "co");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\p{Punct}\\p{IsPunctuation}]+");

    private CompanyKey() {
    }

    /** The key of a company name; empty when nothing but a legal form or punctuation is left. */
    public static Optional<String> of(String company) {
        if (company == null) {
            return Optional.empty();
        }
        // Traditional characters written simplified too: 臺灣貿易有限公司 and 台湾贸易 are one company.
        String s = ChineseScript.simplified(Normalizer.normalize(company, Normalizer.Form.NFKC)).toLowerCase(Locale.ROOT);
        s = SEPARATORS.matcher(s).replaceAll(" ").trim();
        boolean cut = true;
        while (cut) {
            cut = false;
            for (String suffix : SUFFIXES) {
                if (s.endsWith(suffix) && endsWord(s, suffix)) {
                    s = s.substring(0, s.length() - suffix.length()).trim();
                    cut = true;
                    break;
                }
            }
        }
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    /** A Latin legal form must be a word of its own: {@code Disco} keeps its {@code co}. */
    private static boolean endsWord(String s, String suffix) {
        if (s.length() == suffix.length() || suffix.charAt(0) > 'z') {
            return true;
        }
        return s.charAt(s.length() - suffix.length() - 1) == ' ';
    }
}
