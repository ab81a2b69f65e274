package io.kehu.server.routing;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a rule picks the owner. {@code strategy} stays a string so the validator can name an unknown one by
 * its path; {@code fallback} is the owner used when the strategy finds nobody (no active candidate, no
 * territory match, an unclaimed pooled lead), before the rule set's default assignee.
 */
public record AssignmentSpec(String strategy, Params params, String fallback) {

    public AssignmentSpec {
        params = params == null ? Params.NONE : params;
    }

    public Optional<Strategy> strategyKind() {
        return Strategy.parse(strategy);
    }

    /**
     * Parameters; which ones a strategy takes is listed on {@link Strategy}.
     *
     * @param owners   candidate owner ids; default every owner
     * @param match    territory criteria tried in order: {@code region}, {@code tags}, {@code industry}
     * @param minRate  weighted: the lowest conversion rate an owner counts with, so a bad month still gets
     *                 leads; default 0.05
     * @param timeout  claimPool: how long a lead waits to be claimed ({@code 30m}, {@code 4h}, {@code 2d} or
     *                 ISO-8601 {@code PT4H})
     * @param requeues claimPool: how often an unclaimed lead goes back to the pool before the fallback gets
     *                 it; default 0
     */
    public record Params(List<String> owners, List<String> match, Double minRate, String timeout, Integer requeues) {

        static final Params NONE = new Params(null, null, null, null, null);
        static final double DEFAULT_MIN_RATE = 0.05;
        private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*([smhd])");

        public Params {
            owners = owners == null ? null : List.copyOf(owners);
            match = match == null ? null : List.copyOf(match);
        }

        public double minRateOrDefault() {
            return minRate == null ? DEFAULT_MIN_RATE : minRate;
        }

        public int requeuesOrDefault() {
            return requeues == null ? 0 : requeues;
        }

        /** The timeout, empty when missing or unreadable. */
        public Optional<Duration> timeoutDuration() {
            return parseDuration(timeout);
        }

        static Optional<Duration> parseDuration(String text) {
            if (text == null || text.isBlank()) {
                return Optional.empty();
            }
            Matcher m = SHORT_DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return Optional.of(switch (m.group(2)) {
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                });
            }
            try {
                return Optional.of(Duration.parse(text.trim()));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
    }

    /** The assignment strategies and the parameters each takes besides {@code owners}. */
    public enum Strategy {
        ROUND_ROBIN("roundRobin", List.of()),
        WEIGHTED("weighted", List.of("minRate")),
        TERRITORY("territory", List.of("match")),
        CLAIM_POOL("claimPool", List.of("match", "timeout", "requeues"));

        private final String key;
        private final List<String> params;

        Strategy(String key, List<String> params) {
            this.key = key;
            this.params = params;
        }

        public String key() {
            return key;
        }

        public boolean takes(String param) {
            return "owners".equals(param) || params.contains(param);
        }

        public static Optional<Strategy> parse(String value) {
            for (Strategy s : values()) {
                if (s.key.equals(value)) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
    }
}
