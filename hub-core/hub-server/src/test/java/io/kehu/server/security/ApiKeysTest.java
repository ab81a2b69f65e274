package io.kehu.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kehu.api.HubException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {

    @TempDir
    Path dir;

    @Test
    void authenticatesAKeyByItsConfiguredHashOnly() {
        String hash = HexFormat.of().formatHex(ApiKeys.sha256("s3cret-sales-key"));
        ApiKeys keys = ApiKeys.configure(List.of("alice:sales:" + hash), dir.resolve("gen"));

        assertThat(keys.authenticate("s3cret-sales-key")).hasValueSatisfying(k -> {
            assertThat(k.name()).isEqualTo("alice");
            assertThat(k.role()).isEqualTo(Role.SALES);
        });
        assertThat(keys.authenticate("wrong")).isEmpty();
        assertThat(keys.authenticate(null)).isEmpty();
        assertThat(Files.exists(dir.resolve("gen"))).isFalse();
    }

    @Test
    void generatesAnAdminKeyOnceWhenNoneIsConfigured() throws Exception {
        ApiKeys first = ApiKeys.configure(List.of(), dir.resolve("admin-api-key"));
        String key = Files.readString(dir.resolve("admin-api-key")).trim();

        ApiKeys second = ApiKeys.configure(List.of(), dir.resolve("admin-api-key"));

        assertThat(first.authenticate(key)).hasValueSatisfying(k -> assertThat(k.role()).isEqualTo(Role.ADMIN));
        assertThat(second.authenticate(key)).isPresent();
        // A set: its string form follows hash order, which changes from one JVM to the next.
        assertThat(Files.getPosixFilePermissions(dir.resolve("admin-api-key")))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void aKeyEntryMayTieTheKeyToARoutingOwner() {
        String hash = HexFormat.of().formatHex(ApiKeys.sha256("wang-key"));
        String other = HexFormat.of().formatHex(ApiKeys.sha256("ops-key"));
        ApiKeys keys = ApiKeys.configure(List.of("wang:sales:" + hash + ":wang.fang", "ops:integrator:" + other),
                dir.resolve("gen"));

        assertThat(keys.authenticate("wang-key")).hasValueSatisfying(k -> assertThat(k.owner()).isEqualTo("wang.fang"));
        assertThat(keys.authenticate("ops-key")).hasValueSatisfying(k -> assertThat(k.owner()).isNull());
        assertThatThrownBy(() -> ApiKeys.configure(List.of("wang:sales:" + hash + ":"), dir.resolve("g")))
                .isInstanceOf(HubException.class);
        assertThatThrownBy(() -> ApiKeys.configure(List.of("wang:sales:" + hash + ":a:b"), dir.resolve("g")))
                .isInstanceOf(HubException.class);
    }

    @Test
    void refusesMalformedEntriesWithoutEchoingThem() {
        assertThatThrownBy(() -> ApiKeys.configure(List.of("bob:admin:plaintext-key"), dir.resolve("g")))
                .isInstanceOf(HubException.class)
                .hasMessageNotContaining("plaintext-key");
        String hash = HexFormat.of().formatHex(ApiKeys.sha256("k"));
        assertThatThrownBy(() -> ApiKeys.configure(List.of("bob:root:" + hash), dir.resolve("g")))
                .hasMessageContaining("role");
    }

    @Test
    void rolesNeededByEndpoints() {
        assertThat(ApiKeyFilter.required("GET", "/api/v1/profiles")).isEqualTo(Role.SALES);
        assertThat(ApiKeyFilter.required("GET", "/api/v1/me")).isEqualTo(Role.SALES);
        assertThat(ApiKeyFilter.required("GET", "/api/v1/imports/imp-1")).isEqualTo(Role.SALES);
        assertThat(ApiKeyFilter.required("POST", "/api/v1/connectors")).isEqualTo(Role.INTEGRATOR);
        assertThat(ApiKeyFilter.required("GET", "/api/v1/plugins")).isEqualTo(Role.INTEGRATOR);
        assertThat(ApiKeyFilter.required("POST", "/api/v1/plugins/spreadsheet/disable")).isEqualTo(Role.ADMIN);
        assertThat(ApiKeyFilter.required("PUT", "/api/v1/profiles/p-1/stage")).isEqualTo(Role.SALES);
        assertThat(ApiKeyFilter.required("POST", "/api/v1/routing/run")).isEqualTo(Role.ADMIN);
        assertThat(ApiKeyFilter.required("POST", "/api/v1/retention/run")).isEqualTo(Role.ADMIN);
        assertThat(ApiKeyFilter.required("PUT", "/api/v1/routing/rules")).isEqualTo(Role.ADMIN);
        assertThat(ApiKeyFilter.required("POST", "/api/v1/routing/rules/validate")).isEqualTo(Role.ADMIN);
        assertThat(ApiKeyFilter.required("GET", "/api/v1/routing/rules/versions")).isEqualTo(Role.INTEGRATOR);
        assertThat(ApiKeyFilter.required("POST", "/api/v1/routing/dry-run")).isEqualTo(Role.INTEGRATOR);
        assertThat(ApiKeyFilter.required("DELETE", "/api/v1/profiles/p-1/stage")).isEqualTo(Role.SALES);
        assertThat(ApiKeyFilter.required("PUT", "/api/v1/profiles/p-1/other")).isEqualTo(Role.INTEGRATOR);
        assertThat(ApiKeyFilter.required("POST", "/api/v1/lifecycle/sweep")).isEqualTo(Role.ADMIN);
        assertThat(ApiKeyFilter.required("GET", "/api/v1/claims")).isEqualTo(Role.SALES);
        assertThat(ApiKeyFilter.required("POST", "/api/v1/claims/p-1")).isEqualTo(Role.SALES);
        assertThat(ApiKeyFilter.required("POST", "/api/v1/claimsx")).isEqualTo(Role.INTEGRATOR);
        assertThat(ApiKeyFilter.required("POST", "/api/v1/profiles/p-1/merges/m-1/undo")).isEqualTo(Role.SALES);
        assertThat(ApiKeyFilter.required("POST", "/api/v1/profiles/p-1/merges/m-1")).isEqualTo(Role.INTEGRATOR);
        assertThat(ApiKeyFilter.required("GET", "/api/v1/identity/blocked")).isEqualTo(Role.SALES);
        assertThat(ApiKeyFilter.required("POST", "/api/v1/identity/blocked")).isEqualTo(Role.ADMIN);
        assertThat(ApiKeyFilter.required("DELETE", "/api/v1/identity/blocked/phone:+861088886666")).isEqualTo(Role.ADMIN);
        assertThat(ApiKeyFilter.isOpen("/api/v1/health")).isTrue();
        assertThat(ApiKeyFilter.isOpen("/api/v1/profiles")).isFalse();
        assertThat(ApiKeyFilter.isOpen("/console/js/app.js")).isTrue();
        assertThat(ApiKeyFilter.isOpen("/consoles")).isFalse();
        assertThat(Role.ADMIN.includes(Role.SALES)).isTrue();
        assertThat(Role.SALES.includes(Role.INTEGRATOR)).isFalse();
    }
}
