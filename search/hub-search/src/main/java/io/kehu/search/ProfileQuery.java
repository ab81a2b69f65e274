package io.kehu.search;

import java.util.List;

/**
 * A profile search as the API received it, with the free text already split by the caller into
 * what normalized as a phone or an e-mail.
 *
 * @param text    free text (names, companies, notes) in Chinese or English; may be null
 * @param phone   the text normalized as an E.164 phone, when it is one
 * @param email   the text normalized as an e-mail, when it is one
 * @param pinyin  the text as a pinyin key ({@code chenjing}, {@code cj}), when it is Latin letters only
 * @param simplified the text in simplified Chinese characters when it has traditional ones ({@code 陳靜 → 陈静})
 * @param sources filter: any of these sources
 * @param tags    filter: all of these tags
 * @param company filter: company name (analysed match)
 * @param owner   filter: owner
 */
public record ProfileQuery(
        String text,
        String phone,
        String email,
        String pinyin,
        String simplified,
        List<String> sources,
        List<String> tags,
        String company,
        String owner,
        int from,
        int size) {

    public ProfileQuery {
        sources = sources == null ? List.of() : List.copyOf(sources);
        tags = tags == null ? List.of() : List.copyOf(tags);
        size = size <= 0 ? 20 : Math.min(size, 200);
        from = Math.max(0, from);
    }

    /** A search that looks for no pinyin spelling and no other script. */
    public ProfileQuery(String text, String phone, String email, List<String> sources, List<String> tags, String company,
                        String owner, int from, int size) {
        this(text, phone, email, null, null, sources, tags, company, owner, from, size);
    }
}
