package io.kehu.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiKeyFilterTest {

    @Test
    void erasingAProfileAndEverythingUnderPrivacyNeedsAnAdmin() {
        assertThat(ApiKeyFilter.required("DELETE", "/api/v1/profiles/p-1")).isEqualTo(Role.ADMIN);
        assertThat(ApiKeyFilter.required("GET", "/api/v1/privacy/erasures")).isEqualTo(Role.ADMIN);
        assertThat(ApiKeyFilter.required("POST", "/api/v1/privacy/suppressions/lift")).isEqualTo(Role.ADMIN);
    }

    @Test
    void readingProfilesAndHandingAStageBackStayWithSales() {
        assertThat(ApiKeyFilter.required("GET", "/api/v1/profiles/p-1")).isEqualTo(Role.SALES);
        assertThat(ApiKeyFilter.required("DELETE", "/api/v1/profiles/p-1/stage")).isEqualTo(Role.SALES);
    }

    @Test
    void exportingProfilesNeedsAnAdminThoughReadingThemDoesNot() {
        assertThat(ApiKeyFilter.required("GET", "/api/v1/profiles/export")).isEqualTo(Role.ADMIN);
        assertThat(ApiKeyFilter.required("GET", "/api/v1/profiles/exports")).isEqualTo(Role.SALES);
    }

    @Test
    void salesListPossibleDuplicatesAndMergeTwoProfilesButCreateNothingElseUnderProfiles() {
        assertThat(ApiKeyFilter.required("GET", "/api/v1/identity/suspects")).isEqualTo(Role.SALES);
        assertThat(ApiKeyFilter.required("POST", "/api/v1/profiles/p-1/merge")).isEqualTo(Role.SALES);
        assertThat(ApiKeyFilter.required("POST", "/api/v1/profiles/p-1/merges")).isEqualTo(Role.INTEGRATOR);
    }
}
