package io.kehu.connector.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kehu.api.spi.RemoteCallException;
import io.kehu.api.testing.MapStateStore;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TokenCacheTest {

    private final Instant now = Instant.parse("2026-11-23T08:00:00Z");
    private final Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    private final Map<String, String> secrets = new HashMap<>();
    private final AtomicInteger fetches = new AtomicInteger();

    private TokenCache cache() {
        return new TokenCache(new MapStateStore(secrets), "token", clock, Duration.ofMinutes(5), () -> new TokenCache.Token(
                "t" + fetches.incrementAndGet(), now.plus(Duration.ofHours(2)), Map.of("instance_url", "https://x")));
    }

    @Test
    void aStoredTokenSurvivesARestartWithoutAFetch() {
        assertThat(cache().get().value()).isEqualTo("t1");
        TokenCache afterRestart = cache();
        assertThat(afterRestart.get().value()).isEqualTo("t1");
        assertThat(afterRestart.get().extra("instance_url")).isEqualTo("https://x");
        assertThat(fetches).hasValue(1);
    }

    @Test
    void aTokenAboutToExpireIsReplacedBeforeUse() {
        secrets.put("token", "{\"value\":\"old\",\"expiresAt\":\"" + now.plusSeconds(60) + "\",\"extras\":{}}");
        assertThat(cache().get().value()).isEqualTo("t1");
    }

    @Test
    void anUnreadableCacheIsIgnored() {
        secrets.put("token", "not json");
        assertThat(cache().get().value()).isEqualTo("t1");
    }

    @Test
    void aRefusedTokenIsRefreshedOnceAndTheCallRepeated() {
        TokenCache cache = cache();
        HttpAnswer answer = cache.call(t -> answer(t.value().equals("t1") ? 401 : 200), a -> a.status() == 401);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(fetches).hasValue(2);
        assertThat(secrets.get("token")).contains("\"t2\"");
    }

    @Test
    void aFreshTokenRefusedAgainIsAPermanentFailure() {
        assertThatThrownBy(() -> cache().call(t -> answer(401), a -> a.status() == 401))
                .isInstanceOfSatisfying(RemoteCallException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.code()).isEqualTo("TOKEN_REFUSED");
                });
        assertThat(fetches).hasValue(2);
    }

    @Test
    void aRefreshAnotherCallerAlreadyDidIsNotRepeated() {
        TokenCache cache = cache();
        TokenCache.Token first = cache.get();
        TokenCache.Token second = cache.refresh(first);
        assertThat(cache.refresh(first)).isEqualTo(second);
        assertThat(fetches).hasValue(2);
    }

    @Test
    void theTokenValueNeverShowsInToString() {
        assertThat(cache().get().toString()).doesNotContain("t1");
    }

    private static HttpAnswer answer(int status) {
        return new HttpAnswer("Vendor", status, HttpHeaders.of(Map.of(), (a, b) -> true), "{}");
    }
}
