package io.kehu.connector.kit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.kehu.api.spi.RemoteCallException;
import io.kehu.api.spi.StateStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * An access token kept in the instance's encrypted state, so a restart does not fetch a new one (some
 * vendors cap token fetches per day). Refreshed ahead of its expiry, and at once when the remote
 * refuses it; two threads that both see it refused fetch only one new token.
 */
public final class TokenCache {

    /**
     * @param extras what came with the token and later calls need: an instance URL, an API domain, a corp id
     */
    public record Token(String value, Instant expiresAt, Map<String, String> extras) {

        public Token {
            extras = extras == null ? Map.of() : Map.copyOf(extras);
        }

        public String extra(String key) {
            return extras.get(key);
        }

        @Override
        public String toString() {
            return "Token[expiresAt=" + expiresAt + "]";
        }
    }

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final StateStore secrets;
    private final String key;
    private final Clock clock;
    private final Duration margin;
    private final Supplier<Token> fetcher;
    private Token current;

    /**
     * @param margin  refresh this long before the token expires
     * @param fetcher gets a new token from the remote; throws {@link RemoteCallException} when it cannot
     */
    public TokenCache(StateStore secrets, String key, Clock clock, Duration margin, Supplier<Token> fetcher) {
        this.secrets = secrets;
        this.key = key;
        this.clock = clock;
        this.margin = margin;
        this.fetcher = fetcher;
    }

    /** A token that is not about to expire: the cached one, else a fresh one (then stored). */
    public synchronized Token get() {
        if (current == null) {
            current = load().orElse(null);
        }
        if (current == null || !clock.instant().plus(margin).isBefore(current.expiresAt())) {
            current = fetchAndStore();
        }
        return current;
    }

    /** Replaces {@code refused} unless another caller already did. */
    public synchronized Token refresh(Token refused) {
        if (current == null || refused == null || current.value().equals(refused.value())) {
            current = fetchAndStore();
        }
        return current;
    }

    /**
     * Runs a call with the token; when {@code refused} says the remote rejected the token (401, or a
     * vendor code inside a 200), refreshes once and runs it again. Still refused: a permanent failure,
     * since the credentials themselves are wrong.
     */
    public HttpAnswer call(Function<Token, HttpAnswer> call, Predicate<HttpAnswer> refused) {
        Token token = get();
        HttpAnswer answer = call.apply(token);
        if (!refused.test(answer)) {
            return answer;
        }
        answer = call.apply(refresh(token));
        if (refused.test(answer)) {
            throw RemoteCallException.permanent(answer.vendor() + " refused a freshly fetched token: check the credentials",
                    answer.status(), "TOKEN_REFUSED");
        }
        return answer;
    }

    private Token fetchAndStore() {
        Token token = fetcher.get();
        try {
            secrets.put(key, JsonHttp.MAPPER.writeValueAsString(Map.of(
                    "value", token.value(), "expiresAt", token.expiresAt().toString(), "extras", token.extras())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not store a token", e);
        }
        return token;
    }

    @SuppressWarnings("unchecked")
    private Optional<Token> load() {
        return secrets.get(key).flatMap(json -> {
            try {
                Map<String, Object> m = JsonHttp.MAPPER.readValue(json, MAP);
                return Optional.of(new Token((String) m.get("value"), Instant.parse((String) m.get("expiresAt")),
                        (Map<String, String>) m.get("extras")));
            } catch (JsonProcessingException | RuntimeException unreadable) {
                return Optional.empty(); // an unreadable cache is no cache: fetch a new token
            }
        });
    }
}
