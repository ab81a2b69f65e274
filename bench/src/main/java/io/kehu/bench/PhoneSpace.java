package io.kehu.bench;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Gives every person a distinct, valid Chinese mobile number without remembering the ones given.
 *
 * <p>An affine permutation of the person index over the whole space (29 prefixes × 10^7) picks the prefix and a slot
 * in it, and a second one turns the slot into 7 free digits, so two people never share a number and neighbours in
 * the file do not look alike. One more digit is inserted at position 5 of the
 * 11 (the third subscriber digit): every window of six digits contains it, and it is chosen to differ from its
 * neighbours by more than one, so no number holds an ascending or descending run of six (no {@code 12345678}), no
 * subscriber part is one repeated digit ({@code 00000000}), and {@code 13800138000} cannot occur.
 */
final class PhoneSpace {

    static final List<String> PREFIXES = List.of(
            "130", "131", "132", "133", "134", "135", "136", "137", "138", "139",
            "150", "151", "152", "153", "155", "156", "157", "158", "159",
            "180", "181", "182", "183", "184", "185", "186", "187", "188", "189");

    private static final long FREE_SPACE = 10_000_000L;

    private final long spreadMultiplier;
    private final long spreadOffset;
    private final long multiplier;
    private final long offset;

    PhoneSpace(long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        // Affine maps are bijections when the multiplier is coprime to the modulus: 2, 5 (and 29 for the whole space).
        this.spreadMultiplier = coprime(random.nextLong(capacity()), capacity());
        this.spreadOffset = random.nextLong(capacity());
        this.multiplier = coprime(random.nextLong(FREE_SPACE), FREE_SPACE);
        this.offset = random.nextLong(FREE_SPACE);
    }

    private static long coprime(long start, long modulus) {
        long m = Math.max(1, start);
        while (m % 2 == 0 || m % 5 == 0 || m % 29 == 0) {
            m = m % (modulus - 1) + 1;
        }
        return m;
    }

    /** Most people this space can number; far more than a 1,000,000-row file needs. */
    static long capacity() {
        return FREE_SPACE * PREFIXES.size();
    }

    /** The national 11-digit number of person {@code person}, e.g. {@code 13912345678}. */
    String national(long person) {
        if (person < 0 || person >= capacity()) {
            throw new IllegalArgumentException("person index out of range: " + person);
        }
        long spread = Math.floorMod(spreadMultiplier * person + spreadOffset, capacity());
        String prefix = PREFIXES.get((int) (spread % PREFIXES.size()));
        long free = Math.floorMod(multiplier * (spread / PREFIXES.size()) + offset, FREE_SPACE);
        String digits = String.format("%07d", free);
        int before = digits.charAt(1) - '0';
        int after = digits.charAt(2) - '0';
        int breaker = breaker(before, after, digits.charAt(6) - '0');
        return prefix + digits.substring(0, 2) + breaker + digits.substring(2);
    }

    /** A digit at distance two or more from both neighbours; where to start looking varies with another digit. */
    private static int breaker(int before, int after, int start) {
        for (int i = 0; i < 10; i++) {
            int d = (start + i) % 10;
            if (Math.abs(d - before) > 1 && Math.abs(d - after) > 1) {
                return d;
            }
        }
        throw new IllegalStateException("unreachable: at most six digits are excluded");
    }

    /** The ways people write one number; all normalize to the same E.164 value. */
    static String spell(String national, int style) {
        String a = national.substring(0, 3);
        String b = national.substring(3, 7);
        String c = national.substring(7);
        return switch (style) {
            case 0 -> national;
            case 1 -> "+86 " + a + "-" + b + "-" + c;
            case 2 -> fullWidth(national);
            case 3 -> "0086 " + a + " " + b + " " + c;
            case 4 -> "+86" + national;
            case 5 -> a + " " + b + " " + c;
            default -> "86-" + a + "-" + b + "-" + c;
        };
    }

    static final int STYLES = 7;

    private static String fullWidth(String digits) {
        StringBuilder out = new StringBuilder(digits.length());
        digits.chars().forEach(ch -> out.append((char) ('０' + (ch - '0'))));
        return out.toString();
    }
}
