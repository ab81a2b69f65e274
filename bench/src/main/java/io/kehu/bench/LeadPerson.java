package io.kehu.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * One generated person, computed from the seed and the person's index alone: nothing is kept between rows.
 *
 * <p>Each of the person's rows carries the phone only, the e-mail only, or both. Whenever a person has a
 * phone-only row and an e-mail-only row, at least one row carries both, so all of a person's rows are linked
 * through shared identifiers and identity resolution ends with exactly one profile per person.
 */
final class LeadPerson {

    /** What identifiers a row carries. */
    enum Carries { PHONE, EMAIL, BOTH }

    /** Share of people who appear on several rows (2 to 4). */
    static final double REPEATED_SHARE = 0.30;
    static final int MAX_ROWS = 4;

    private static final long EMAIL_SPACE = 78_364_164_096L; // 36^7

    private final long seed;
    private final long index;
    private final String name;
    private final String company;
    private final String national;
    private final String email;
    private final Carries[] carries;

    private LeadPerson(long seed, long index, String name, String company, String national, String email, Carries[] carries) {
        this.seed = seed;
        this.index = index;
        this.name = name;
        this.company = company;
        this.national = national;
        this.email = email;
        this.carries = carries;
    }

    /** How many rows person {@code index} has when not cut short by the end of the file. */
    static int naturalRows(long seed, long index) {
        SplittableRandom r = random(seed, index, 0);
        return r.nextDouble() < REPEATED_SHARE ? 2 + r.nextInt(MAX_ROWS - 1) : 1;
    }

    /** The person {@code index} with {@code rows} rows (the last person of a file may have fewer than natural). */
    static LeadPerson of(long seed, long index, int rows, PhoneSpace phones) {
        SplittableRandom r = random(seed, index, 1);
        String[] surname = pick(r, LeadVocabulary.SURNAMES);
        String[] given = pick(r, LeadVocabulary.GIVEN_NAMES);
        String company = pick(r, LeadVocabulary.COMPANIES);
        String email = surname[1] + given[1] + "." + emailToken(seed, index) + "@" + pick(r, LeadVocabulary.MAIL_DOMAINS);
        return new LeadPerson(seed, index, surname[0] + given[0], company, phones.national(index), email, carries(r, rows));
    }

    private static Carries[] carries(SplittableRandom r, int rows) {
        Carries[] c = new Carries[rows];
        if (rows == 1) {
            double x = r.nextDouble();
            c[0] = x < 0.5 ? Carries.BOTH : x < 0.75 ? Carries.PHONE : Carries.EMAIL;
            return c;
        }
        for (int i = 0; i < rows; i++) {
            double x = r.nextDouble();
            c[i] = x < 0.4 ? Carries.PHONE : x < 0.8 ? Carries.EMAIL : Carries.BOTH;
        }
        boolean phoneOnly = Arrays.asList(c).contains(Carries.PHONE);
        boolean emailOnly = Arrays.asList(c).contains(Carries.EMAIL);
        if (phoneOnly && emailOnly && !Arrays.asList(c).contains(Carries.BOTH)) {
            // The bridge may come last, so that two profiles exist first and the bridge has to merge them.
            c[r.nextInt(rows)] = Carries.BOTH;
        }
        return c;
    }

    int rows() {
        return carries.length;
    }

    Carries carries(int occurrence) {
        return carries[occurrence];
    }

    String national() {
        return national;
    }

    String email() {
        return email;
    }

    /** The person's row number {@code occurrence}, with its own spelling of the identifiers and its own context. */
    LeadRow row(int occurrence) {
        SplittableRandom r = random(seed, index, 2 + occurrence);
        Carries c = carries[occurrence];
        String phone = c == Carries.EMAIL ? "" : PhoneSpace.spell(national, r.nextInt(PhoneSpace.STYLES));
        String mail = c == Carries.PHONE ? "" : spellEmail(email, r.nextInt(3));
        int tagCount = r.nextInt(3);
        StringBuilder tags = new StringBuilder();
        for (int i = 0; i < tagCount; i++) {
            String tag = pick(r, LeadVocabulary.TAGS);
            if (tags.indexOf(tag) < 0) {
                tags.append(tags.length() == 0 ? "" : "、").append(tag);
            }
        }
        return new LeadRow(index, occurrence, name, phone, mail, company, pick(r, LeadVocabulary.TITLES),
                pick(r, LeadVocabulary.SOURCES), tags.toString());
    }

    private static String spellEmail(String email, int style) {
        return switch (style) {
            case 0 -> email;
            case 1 -> email.toUpperCase(Locale.ROOT);
            default -> Character.toUpperCase(email.charAt(0)) + email.substring(1, email.indexOf('@') + 1)
                    + Character.toUpperCase(email.charAt(email.indexOf('@') + 1)) + email.substring(email.indexOf('@') + 2);
        };
    }

    /**
     * A 7-character base-36 token, distinct per person: an affine permutation of the index modulo 36^7. The
     * product stays within a long for indices below {@link LeadGenerator#MAX_ROWS}.
     */
    private static String emailToken(long seed, long index) {
        long a = Math.floorMod(seed * 0x9E3779B97F4A7C15L, EMAIL_SPACE) | 1;
        while (a % 3 == 0 || a >= EMAIL_SPACE) {
            a = (a + 2) % EMAIL_SPACE | 1; // coprime to 36 = 2^2 * 3^2
        }
        long value = Math.floorMod(a * index + Math.floorMod(mix(seed), EMAIL_SPACE), EMAIL_SPACE);
        String s = Long.toString(value, 36);
        return "0".repeat(7 - s.length()) + s;
    }

    private static <T> T pick(SplittableRandom r, java.util.List<T> list) {
        return list.get(r.nextInt(list.size()));
    }

    /** A random stream of its own per person and purpose, so rows can be computed in any order. */
    private static SplittableRandom random(long seed, long index, int purpose) {
        return new SplittableRandom(mix(mix(seed) ^ mix(index * 31 + purpose)));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
