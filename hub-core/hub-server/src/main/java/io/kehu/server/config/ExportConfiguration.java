package io.kehu.server.config;

import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.search.PointInTimeScan;
import io.kehu.search.ProfileStore;
import io.kehu.server.export.ProfileExport;
import io.kehu.server.lifecycle.LifecycleRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Profile exports (CSV, XLSX) for admins. */
@Configuration
public class ExportConfiguration {

    @Bean
    ProfileExport profileExport(ProfileStore profiles, Documents docs, IndexNames names, LifecycleRules rules) {
        return new ProfileExport(profiles, new PointInTimeScan(docs.client()), names, rules);
    }
}
