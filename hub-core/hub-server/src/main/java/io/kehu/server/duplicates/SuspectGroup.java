package io.kehu.server.duplicates;

import java.util.List;

/**
 * Profiles that may be one person (疑似重复): the same name and a company in common, yet no identifier in common.
 *
 * @param name      the shared name, as the first profile spells it
 * @param company   the shared company, as the first profile spells it
 * @param profiles  the profiles, oldest first (the one a merge would keep)
 * @param pairs     the pairs a person may merge, each two ids; pairs someone split apart (never-merge) left out
 */
public record SuspectGroup(String name, String company, List<Member> profiles, List<List<String>> pairs) {

    /** One profile of a group, with what a person needs to judge it. */
    public record Member(String id, String name, List<String> names, List<String> companies, List<String> phones,
                         List<String> emails, String owner) {

        public Member {
            names = names == null ? List.of() : List.copyOf(names);
            companies = companies == null ? List.of() : List.copyOf(companies);
            phones = phones == null ? List.of() : List.copyOf(phones);
            emails = emails == null ? List.of() : List.copyOf(emails);
        }
    }

    /** One page of groups; {@code more} when a further page has any. */
    public record Page(List<SuspectGroup> groups, int from, int size, boolean more) {
    }
}
