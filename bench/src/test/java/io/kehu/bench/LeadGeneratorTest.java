package io.kehu.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LeadGeneratorTest {

    private static final int ROWS = 30_000;

    @Test
    void sameSeedGivesTheSameRowsAndAnotherSeedOtherRows() {
        List<LeadRow> first = rows(new LeadGenerator(7, 2_000));
        List<LeadRow> again = rows(new LeadGenerator(7, 2_000));
        List<LeadRow> other = rows(new LeadGenerator(8, 2_000));

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(other.get(0).phone() + other.get(0).email()).isNotEqualTo(first.get(0).phone() + first.get(0).email());
    }

    @Test
    void writesExactlyTheRowsAskedForAndCountsEveryPersonInThem() {
        for (long n : new long[] {1, 2, 3, 17, 1_000, ROWS}) {
            LeadGenerator generator = new LeadGenerator(42, n);
            List<LeadRow> rows = rows(generator);

            assertThat(rows).hasSize((int) n);
            assertThat(rows.stream().map(LeadRow::person).distinct().count()).isEqualTo(generator.people());
        }
    }

    @Test
    void aboutThirtyPercentOfPeopleAppearTwoToFourTimes() {
        Map<Long, Integer> perPerson = new HashMap<>();
        LeadGenerator generator = new LeadGenerator(42, ROWS);
        generator.forEachRow(r -> perPerson.merge(r.person(), 1, Integer::sum));

        long repeated = perPerson.values().stream().filter(c -> c > 1).count();
        assertThat((double) repeated / generator.people()).isBetween(0.27, 0.33);
        assertThat(perPerson.values()).allSatisfy(c -> assertThat(c).isBetween(1, 4));
        assertThat(perPerson.values()).contains(2, 3, 4);
    }

    @Test
    void everyPersonsRowsAreLinkedThroughSharedIdentifiersAndNoTwoPeopleShareOne() {
        Map<Long, List<Set<String>>> idsPerPerson = new HashMap<>();
        Map<String, Long> owner = new HashMap<>();
        new LeadGenerator(42, ROWS).forEachRow(r -> {
            Set<String> ids = normalizedIdentifiers(r);
            assertThat(ids).as("row of person %d has an identifier", r.person()).isNotEmpty();
            idsPerPerson.computeIfAbsent(r.person(), p -> new ArrayList<>()).add(ids);
            for (String id : ids) {
                Long previous = owner.putIfAbsent(id, r.person());
                assertThat(previous == null || previous == r.person())
                        .as("%s belongs to persons %s and %d", id, previous, r.person()).isTrue();
            }
        });

        assertThat(idsPerPerson.values()).allSatisfy(rows -> assertThat(isConnected(rows)).isTrue());
        // Some people have a phone-only row and an e-mail-only row: only a bridging row joins them.
        assertThat(idsPerPerson.values().stream().filter(rows ->
                rows.stream().anyMatch(ids -> ids.size() == 1 && ids.iterator().next().startsWith("phone:"))
                        && rows.stream().anyMatch(ids -> ids.size() == 1 && ids.iterator().next().startsWith("email:"))))
                .hasSizeGreaterThan(100);
    }

    @Test
    void spellsPhonesAndEmailsInSeveralWays() {
        Set<String> phoneShapes = new HashSet<>();
        Set<String> emailShapes = new HashSet<>();
        new LeadGenerator(42, 5_000).forEachRow(r -> {
            if (!r.phone().isEmpty()) {
                phoneShapes.add(r.phone().replaceAll("[0-9]", "9").replaceAll("[０-９]", "９"));
            }
            if (!r.email().isEmpty()) {
                emailShapes.add(r.email().equals(r.email().toLowerCase(Locale.ROOT)) ? "lower"
                        : r.email().equals(r.email().toUpperCase(Locale.ROOT)) ? "upper" : "mixed");
            }
        });

        // Digits masked as 9: "+99 …" is +86, "9999 …" is 0086.
        assertThat(phoneShapes).contains("99999999999", "+99 999-9999-9999", "９９９９９９９９９９９", "9999 999 9999 9999",
                "+9999999999999", "999 9999 9999", "99-999-9999-9999");
        assertThat(emailShapes).containsExactlyInAnyOrder("lower", "upper", "mixed");
    }

    @Test
    void phonesAreValidMobilesThatNoBlockListCatches() {
        Set<String> prefixes = Set.copyOf(PhoneSpace.PREFIXES);
        new LeadGenerator(42, ROWS).forEachRow(r -> {
            if (r.phone().isEmpty()) {
                return;
            }
            String national = nationalPhone(r.phone());
            assertThat(national).hasSize(11);
            assertThat(prefixes).contains(national.substring(0, 3));
            assertThat(national).isNotEqualTo("13800138000");
            assertThat(national.substring(3).chars().distinct().count()).as(national).isGreaterThan(1);
            assertThat(longestStepRun(national)).as(national).isLessThan(6);
        });
    }

    @Test
    void emailsUseNoBlockedOrReservedDomain() {
        new LeadGenerator(42, 5_000).forEachRow(r -> {
            if (r.email().isEmpty()) {
                return;
            }
            String domain = r.email().toLowerCase(Locale.ROOT).substring(r.email().indexOf('@') + 1);
            assertThat(domain).doesNotEndWith("example.com").doesNotEndWith("example.org").doesNotEndWith("example.net")
                    .doesNotEndWith("test.com").doesNotEndWith(".test").doesNotEndWith(".invalid").doesNotEndWith(".localhost");
        });
    }

    @Test
    void aPersonsRowsAreFarApartSoTheyLandInDifferentImportBatches() {
        Map<Long, Long> lastPosition = new HashMap<>();
        long[] position = {0};
        long[] minGap = {Long.MAX_VALUE};
        new LeadGenerator(42, ROWS).forEachRow(r -> {
            Long previous = lastPosition.put(r.person(), position[0]);
            if (previous != null) {
                minGap[0] = Math.min(minGap[0], position[0] - previous);
            }
            position[0]++;
        });

        // The hub imports 1,000 rows per batch.
        assertThat(minGap[0]).isGreaterThan(1_000);
    }

    @Test
    void phoneSpaceGivesDistinctNumbersToDistinctPeople() {
        PhoneSpace phones = new PhoneSpace(99);
        Set<String> seen = new HashSet<>();
        for (long p = 0; p < 200_000; p++) {
            assertThat(seen.add(phones.national(p))).as("person %d", p).isTrue();
        }
    }

    private static List<LeadRow> rows(LeadGenerator generator) {
        List<LeadRow> rows = new ArrayList<>();
        generator.forEachRow(rows::add);
        return rows;
    }

    /** Enough of the hub's normalization for generated values: NFKC, digits only, no 86 / 0086 prefix; e-mail lower case. */
    static Set<String> normalizedIdentifiers(LeadRow r) {
        Set<String> ids = new HashSet<>();
        if (!r.phone().isEmpty()) {
            ids.add("phone:+86" + nationalPhone(r.phone()));
        }
        if (!r.email().isEmpty()) {
            ids.add("email:" + r.email().strip().toLowerCase(Locale.ROOT));
        }
        return ids;
    }

    static String nationalPhone(String raw) {
        String digits = Normalizer.normalize(raw, Normalizer.Form.NFKC).replaceAll("[^0-9]", "");
        return digits.replaceFirst("^(?:00)?86(?=\\d{11}$)", "");
    }

    /** Whether the rows form one group when rows sharing an identifier are joined (a tiny union-find). */
    private static boolean isConnected(List<Set<String>> rows) {
        Set<String> reached = new HashSet<>(rows.get(0));
        boolean grew = true;
        Set<Integer> joined = new HashSet<>(List.of(0));
        while (grew) {
            grew = false;
            for (int i = 0; i < rows.size(); i++) {
                if (!joined.contains(i) && rows.get(i).stream().anyMatch(reached::contains)) {
                    reached.addAll(rows.get(i));
                    joined.add(i);
                    grew = true;
                }
            }
        }
        return joined.size() == rows.size();
    }

    /** Length of the longest run of digits each one up (or each one down) from the one before. */
    private static int longestStepRun(String digits) {
        int longest = 1;
        int up = 1;
        int down = 1;
        for (int i = 1; i < digits.length(); i++) {
            int step = digits.charAt(i) - digits.charAt(i - 1);
            up = step == 1 ? up + 1 : 1;
            down = step == -1 ? down + 1 : 1;
            longest = Math.max(longest, Math.max(up, down));
        }
        return longest;
    }
}
