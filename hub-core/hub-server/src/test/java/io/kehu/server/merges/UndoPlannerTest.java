package io.kehu.server.merges;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kehu.api.HubException;
import io.kehu.api.domain.Profile;
import io.kehu.search.MergeDoc;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UndoPlannerTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    private static final String SWITCHBOARD = "phone:+861088886666";
    private static final String MAILBOX = "email:li.na@corp.cn";

    /** 张伟 had the switchboard; 李娜 the mailbox and an older merge of her own; a row with both merged them. */
    private final Profile zhang = profile("p-a", "张伟", List.of("张伟"), "华信科技", List.of("+861088886666"), List.of(),
            List.of(SWITCHBOARD), "VIP", List.of());
    private final Profile li = profile("p-b", "李娜", List.of("李娜", "Li Na"), "华信科技", List.of(), List.of("li.na@corp.cn"),
            List.of(MAILBOX), "prefers e-mail", List.of("p-b0"));
    private final Profile merged = profile("p-a", "张伟", List.of("张伟", "李娜", "Li Na"), "华信科技",
            List.of("+861088886666"), List.of("li.na@corp.cn"), List.of(MAILBOX, SWITCHBOARD), "VIP\nprefers e-mail",
            List.of("p-b", "p-b0"));
    private final MergeDoc merge = new MergeDoc("m-1", "p-a", List.of("p-b"), List.of(SWITCHBOARD, MAILBOX), "row-3",
            "sheet", T0, Map.of("p-b", li));

    @Test
    void eachIdentifierGoesBackToWhoeverHeldItBeforeTheMergeByDefault() {
        assertThat(UndoPlanner.owners(merge, Map.of())).containsExactlyInAnyOrderEntriesOf(
                Map.of(SWITCHBOARD, "p-a", MAILBOX, "p-b"));
    }

    @Test
    void linkingChoicesMoveALinkingIdentifierToTheOtherSideAndBlockLeavesItWithItsOwner() {
        assertThat(UndoPlanner.owners(merge, Map.of(SWITCHBOARD, LinkingChoice.KEEP_RESTORED, MAILBOX,
                LinkingChoice.KEEP_SURVIVOR))).containsEntry(SWITCHBOARD, "p-b").containsEntry(MAILBOX, "p-a");
        assertThat(UndoPlanner.owners(merge, Map.of(SWITCHBOARD, LinkingChoice.BLOCK))).containsEntry(SWITCHBOARD, "p-a");
    }

    @Test
    void aChoiceForAnIdentifierThatDidNotLinkTheMergeIsRefused() {
        assertThatThrownBy(() -> UndoPlanner.owners(merge, Map.of("email:x@y.cn", LinkingChoice.BLOCK)))
                .isInstanceOf(HubException.class).hasMessageContaining("did not link");
    }

    @Test
    void keepRestoredIsAmbiguousWhenTheMergeFoldedInSeveralProfiles() {
        MergeDoc two = new MergeDoc("m-2", "p-a", List.of("p-b", "p-c"), List.of(SWITCHBOARD, MAILBOX), "row", "sheet",
                T0, Map.of("p-b", li, "p-c", profile("p-c", null, List.of(), null, List.of(), List.of(), List.of(),
                        null, List.of())));
        assertThatThrownBy(() -> UndoPlanner.owners(two, Map.of(SWITCHBOARD, LinkingChoice.KEEP_RESTORED)))
                .isInstanceOf(HubException.class).hasMessageContaining("ambiguous");
    }

    @Test
    void theSurvivorLosesTheRestoredProfilesIdsIdentifiersNamesAndNotesButKeepsTheSharedCompany() {
        Map<String, String> owners = UndoPlanner.owners(merge, Map.of());

        Profile s = UndoPlanner.survivor(merge, owners, merged, List.of(), NOW);
        assertThat(s.mergedFrom()).isEmpty();
        assertThat(s.identifiers()).containsExactly(SWITCHBOARD);
        assertThat(s.phones()).containsExactly("+861088886666");
        assertThat(s.emails()).isEmpty();
        assertThat(s.names()).containsExactly("张伟");
        assertThat(s.company()).isEqualTo("华信科技");
        assertThat(s.companies()).containsExactly("华信科技");
        assertThat(s.notes()).isEqualTo("VIP");
        assertThat(s.updatedAt()).isEqualTo(NOW);
        Profile r = UndoPlanner.restored(merge, owners, NOW).get(0);
        assertThat(r.id()).isEqualTo("p-b");
        assertThat(r.identifiers()).containsExactly(MAILBOX);
        assertThat(r.emails()).containsExactly("li.na@corp.cn");
        assertThat(r.mergedFrom()).containsExactly("p-b0");
        assertThat(r.names()).containsExactly("李娜", "Li Na");
    }

    @Test
    void planningAgainOnTheTrimmedSurvivorChangesNothing() {
        Map<String, String> owners = UndoPlanner.owners(merge, Map.of());
        Profile once = UndoPlanner.survivor(merge, owners, merged, List.of(), NOW);

        assertThat(UndoPlanner.survivor(merge, owners, once, List.of(), NOW)).isEqualTo(once);
    }

    @Test
    void aNameAnotherStillFoldedInProfileHadTooStaysAndANameOnlyTheRestoredOneGaveIsReplaced() {
        Profile nameless = profile("p-a", "李娜", List.of("李娜", "Li Na"), null, List.of(), List.of(),
                List.of(MAILBOX, SWITCHBOARD), null, List.of("p-b"));
        Profile other = profile("p-x", "Li Na", List.of("Li Na"), null, List.of(), List.of(), List.of(), null, List.of());

        Profile s = UndoPlanner.survivor(merge, UndoPlanner.owners(merge, Map.of()), nameless, List.of(other), NOW);

        assertThat(s.names()).containsExactly("Li Na");
        assertThat(s.name()).isEqualTo("Li Na");
    }

    @Test
    void notesLoseTheRestoredProfilesParagraphWhereverItIs() {
        assertThat(UndoPlanner.withoutParagraph("a\nb\nc", "b")).isEqualTo("a\nc");
        assertThat(UndoPlanner.withoutParagraph("b\nc", "b")).isEqualTo("c");
        assertThat(UndoPlanner.withoutParagraph("b", "b")).isNull();
        assertThat(UndoPlanner.withoutParagraph("abc", "b")).isEqualTo("abc");
    }

    private static Profile profile(String id, String name, List<String> names, String company, List<String> phones,
                                   List<String> emails, List<String> identifiers, String notes, List<String> mergedFrom) {
        return new Profile(id, name, names, company, company == null ? List.of() : List.of(company), null, null, phones,
                emails, identifiers, List.of("sheet"), List.of(), notes, null, Map.of(), mergedFrom, T0, T0, null);
    }
}
