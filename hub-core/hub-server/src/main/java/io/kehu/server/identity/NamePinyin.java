package io.kehu.server.identity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sourceforge.pinyin4j.PinyinHelper;
import net.sourceforge.pinyin4j.format.HanyuPinyinCaseType;
import net.sourceforge.pinyin4j.format.HanyuPinyinOutputFormat;
import net.sourceforge.pinyin4j.format.HanyuPinyinToneType;
import net.sourceforge.pinyin4j.format.HanyuPinyinVCharType;
import net.sourceforge.pinyin4j.format.exception.BadHanyuPinyinOutputFormatCombination;

/**
 * The pinyin keys a Chinese name is found by, as sales type them into a search box: the full spelling without
 * tones and spaces ({@code 陈静 → chenjing}) and the initials ({@code cj}); ü is written {@code v}, as input methods
 * do ({@code 吕 → lv}). A character with several readings gives every spelling, up to {@link #MAX_SPELLINGS} per
 * name, so 曾长乐 is found as zengchangle and as cengzhangyue alike; a surname read apart from its common reading
 * (单 shan, 曾 zeng, 解 xie …) is read that way first. Names with no Chinese character have no keys.
 */
public final class NamePinyin {

    static final int MAX_SPELLINGS = 8;
    private static final int FIRST = 0x3400;
    private static final int LAST = 0x9FFF;
    /** Surnames whose reading differs from the character's usual one. */
    private static final Map<Character, String> SURNAMES = Map.ofEntries(
            Map.entry('单', "shan"), Map.entry('曾', "zeng"), Map.entry('解', "xie"), Map.entry('仇', "qiu"),
            Map.entry('朴', "piao"), Map.entry('查', "zha"), Map.entry('区', "ou"), Map.entry('覃', "qin"),
            Map.entry('盖', "ge"), Map.entry('缪', "miao"), Map.entry('秘', "bi"), Map.entry('尉', "yu"),
            Map.entry('乐', "yue"), Map.entry('华', "hua"), Map.entry('翟', "zhai"), Map.entry('万', "wan"));

    private NamePinyin() {
    }

    /** Every key of every name, full spellings before initials, without repeats. */
    public static List<String> keys(Collection<String> names) {
        Set<String> keys = new LinkedHashSet<>();
        for (String name : names) {
            if (name != null) {
                spell(name, keys);
            }
        }
        return List.copyOf(keys);
    }

    private static void spell(String name, Set<String> keys) {
        List<String> full = new ArrayList<>(List.of(""));
        List<String> initials = new ArrayList<>(List.of(""));
        boolean chinese = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            String[] readings = Table.readings(c);
            if (readings.length > 0) {
                chinese = true;
                String surname = full.get(0).isEmpty() ? SURNAMES.get(c) : null;
                List<String> options = new ArrayList<>();
                if (surname != null) {
                    options.add(surname);
                }
                for (String r : readings) {
                    if (!options.contains(r)) {
                        options.add(r);
                    }
                }
                full = extend(full, options, false);
                initials = extend(initials, options, true);
            } else if (c < 128 && Character.isLetterOrDigit(c)) {
                String ascii = String.valueOf(Character.toLowerCase(c));
                full = extend(full, List.of(ascii), false);
                initials = extend(initials, List.of(ascii), false);
            }
        }
        if (chinese) {
            keys.addAll(full);
            keys.addAll(initials);
        }
    }

    private static List<String> extend(List<String> prefixes, List<String> options, boolean firstLetter) {
        Set<String> next = new LinkedHashSet<>();
        for (String prefix : prefixes) {
            for (String option : options) {
                next.add(prefix + (firstLetter ? option.substring(0, 1) : option));
                if (next.size() == MAX_SPELLINGS) {
                    return new ArrayList<>(next);
                }
            }
        }
        return new ArrayList<>(next);
    }

    /**
     * The query as a pinyin key, when it can be one: Latin letters only (spaces and apostrophes between
     * syllables dropped, {@code xi'an}), at least two; else null.
     */
    public static String asQuery(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                out.append(Character.toLowerCase(c));
            } else if (c != ' ' && c != '\'') {
                return null;
            }
        }
        return out.length() >= 2 ? out.toString() : null;
    }

    /** The readings of each character, built once on first use from pinyin4j's table. */
    private static final class Table {

        private static final String[] NONE = new String[0];
        private static final String[][] READINGS = load();

        static String[] readings(char c) {
            return c >= FIRST && c <= LAST ? READINGS[c - FIRST] : NONE;
        }

        private static String[][] load() {
            HanyuPinyinOutputFormat format = new HanyuPinyinOutputFormat();
            format.setToneType(HanyuPinyinToneType.WITHOUT_TONE);
            format.setCaseType(HanyuPinyinCaseType.LOWERCASE);
            format.setVCharType(HanyuPinyinVCharType.WITH_V);
            String[][] table = new String[LAST - FIRST + 1][];
            for (int c = FIRST; c <= LAST; c++) {
                try {
                    String[] all = PinyinHelper.toHanyuPinyinStringArray((char) c, format);
                    table[c - FIRST] = all == null ? NONE : new LinkedHashSet<>(List.of(all)).toArray(NONE);
                } catch (BadHanyuPinyinOutputFormatCombination e) {
                    throw new IllegalStateException("pinyin4j refused a valid output format", e);
                }
            }
            return table;
        }
    }
}
