package io.kehu.server.config;

import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.search.ProfileStore;
import io.kehu.server.duplicates.ManualMerge;
import io.kehu.server.duplicates.SuspectFinder;
import io.kehu.server.identity.IdentifierNormalizer;
import io.kehu.server.ingest.IngestService;
import io.kehu.server.merges.NeverMergePairs;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires possible duplicates and merging two profiles by hand (through the ingest path). */
@Configuration(proxyBeanMethods = false)
public class DuplicatesConfiguration {

    @Bean
    SuspectFinder suspectFinder(Documents docs, IndexNames names, NeverMergePairs pairs) {
        return new SuspectFinder(docs, names, pairs);
    }

    @Bean
    ManualMerge manualMerge(IngestService ingest, ProfileStore profiles, Documents docs, IndexNames names,
                            NeverMergePairs pairs, IdentifierNormalizer normalizer, Clock clock) {
        return new ManualMerge(ingest, profiles, docs, names, pairs, normalizer, clock);
    }
}
