package io.kehu.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.kehu.api.domain.Profile;
import io.kehu.search.VersionedDoc;
import io.kehu.server.lifecycle.StoredProfile;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Owners recorded on profiles that the ingest path writes concurrently: the owner write is conditional on
 * the version routing read, and a conflict is resolved by reading the profile again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProfileOwnerWriterIT {

    private RoutingTestBed bed;
    private ProfileOwnerWriter writer;

    @BeforeAll
    void setUp() {
        bed = new RoutingTestBed(ProfileOwnerWriterIT.class, OwnerConversionRatesIT.RULES, Set.of());
        writer = new ProfileOwnerWriter(bed.docs, bed.bulk, bed.names);
    }

    @Test
    void aProfileWrittenBetweenTheReadAndTheOwnerWriteGetsTheOwnerAndKeepsTheNewWrite() {
        String id = bed.ingest("c1", "张伟", "13911110001", null, List.of(), null);
        VersionedDoc<StoredProfile> read = bed.profile(id);
        bed.clock.advance(Duration.ofMinutes(1));
        bed.ingest("c2", "张伟", "13911110001", "zhang.wei@example.cn", List.of(), null);

        int written = writer.write(List.of(new ProfileOwnerWriter.Assignment(read, "ann")));

        assertThat(written).isEqualTo(1);
        Profile stored = bed.profile(id).source().profile();
        assertThat(stored.owner()).isEqualTo("ann");
        assertThat(stored.emails()).as("the concurrent write is kept").containsExactly("zhang.wei@example.cn");
    }

    @Test
    void anOwnerSetBetweenTheReadAndTheOwnerWriteWins() {
        String id = bed.ingest("d1", "李娜", "13911110002", null, List.of(), null);
        VersionedDoc<StoredProfile> read = bed.profile(id);
        bed.clock.advance(Duration.ofMinutes(1));
        bed.ingest("d2", "李娜", "13911110002", null, List.of(), "bob", null);

        int written = writer.write(List.of(new ProfileOwnerWriter.Assignment(read, "ann")));

        assertThat(written).isZero();
        assertThat(bed.profile(id).source().profile().owner()).isEqualTo("bob");
    }

    @Test
    void theOwnerWriteLeavesTheChangeTimeSoTheNextRunDoesNotWalkTheProfileAgain() {
        String id = bed.ingest("e1", "王芳", "13911110003", null, List.of(), null);
        VersionedDoc<StoredProfile> read = bed.profile(id);

        assertThat(writer.write(List.of(new ProfileOwnerWriter.Assignment(read, "ann")))).isEqualTo(1);
        assertThat(writer.write(List.of(new ProfileOwnerWriter.Assignment(bed.profile(id), "ann"))))
                .as("already recorded").isZero();

        Profile stored = bed.profile(id).source().profile();
        assertThat(stored.owner()).isEqualTo("ann");
        assertThat(stored.updatedAt()).isEqualTo(read.source().profile().updatedAt());
    }
}
