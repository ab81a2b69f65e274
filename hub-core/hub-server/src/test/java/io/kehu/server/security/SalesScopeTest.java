package io.kehu.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class SalesScopeTest {

    @Test
    void theSettingIsAllOrOwnAndNothingElse() {
        assertThat(SalesScope.of("all", null).ownOnly()).isFalse();
        assertThat(SalesScope.of(" OWN ", null).ownOnly()).isTrue();
        assertThat(SalesScope.of(null, null).ownOnly()).isFalse();
        assertThatThrownBy(() -> SalesScope.of("team", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hub.security.sales-see must be all or own, not team");
    }

    @Test
    void onlyASalesKeyTiedToAnOwnerIsLimitedAndOnlyUnderOwn() {
        assertThat(ownerSet("own", Role.SALES, "wang.fang")).isEqualTo("wang.fang");
        assertThat(ownerSet("own", Role.SALES, null)).as("a manager's sales key").isNull();
        assertThat(ownerSet("own", Role.INTEGRATOR, "wang.fang")).isNull();
        assertThat(ownerSet("own", Role.ADMIN, "wang.fang")).isNull();
        assertThat(ownerSet("all", Role.SALES, "wang.fang")).isNull();
    }

    private static String ownerSet(String setting, Role role, String owner) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/profiles");
        request.setAttribute(ApiKeyFilter.KEY_ROLE_ATTRIBUTE, role);
        if (owner != null) {
            request.setAttribute(ApiKeyFilter.KEY_OWNER_ATTRIBUTE, owner);
        }
        assertThat(SalesScope.of(setting, null).preHandle(request, new MockHttpServletResponse(), null)).isTrue();
        return SalesScope.owner(request);
    }
}
