package io.kehu.server.web;

import io.kehu.search.ProfileQuery;
import io.kehu.server.identity.ChineseScript;
import io.kehu.server.identity.EmailNormalizer;
import io.kehu.server.identity.NamePinyin;
import io.kehu.server.identity.NormalizedValue;
import io.kehu.server.identity.PhoneNormalizer;
import java.util.List;

/**
 * Reads a search box: text that normalizes as a phone or an e-mail, in any common spelling
 * ({@code +86 138-0013-8000}, {@code ＺＨＡＮＧ＠…}), is matched exactly against the profile's
 * identifiers; the text is also searched as names, companies and notes.
 */
public class ProfileQueryParser {

    private final PhoneNormalizer phones;
    private final EmailNormalizer emails;

    public ProfileQueryParser(PhoneNormalizer phones, EmailNormalizer emails) {
        this.phones = phones;
        this.emails = emails;
    }

    public ProfileQuery parse(String q, List<String> sources, List<String> tags, String company, String owner,
                              int from, int size) {
        String phone = null;
        String email = null;
        if (q != null && !q.isBlank()) {
            if (q.indexOf('@') >= 0 || q.indexOf('＠') >= 0) {
                NormalizedValue e = emails.normalize(q);
                email = e.ok() ? e.value() : null;
            } else {
                NormalizedValue p = phones.normalize(q);
                phone = p.ok() ? p.value() : null;
            }
        }
        return new ProfileQuery(q, phone, email, NamePinyin.asQuery(q), ChineseScript.simplified(q), sources, tags, company,
                owner, from, size);
    }
}
