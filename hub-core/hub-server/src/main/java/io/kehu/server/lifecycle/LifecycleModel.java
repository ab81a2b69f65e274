package io.kehu.server.lifecycle;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stage model: which stages exist, which stage each default rule leads to, the rule thresholds
 * and which interactions count as which signal. All data, read from {@code config/lifecycle.yml}.
 */
public record LifecycleModel(List<Stage> stages, Transitions transitions, Thresholds thresholds, Signals signals) {

    public LifecycleModel {
        stages = stages == null ? List.of() : List.copyOf(stages);
    }

    public Optional<Stage> stage(String id) {
        return stages.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public enum StageKind {
        @JsonProperty("funnel") FUNNEL,
        @JsonProperty("risk") RISK
    }

    public record Stage(String id, String nameZh, String nameEn, int order, StageKind kind) {
    }

    /** The stage id each default rule moves a profile to. */
    public record Transitions(String initial, String engaged, String opportunity, String customer, String loyal,
                              String atRisk, String churned, String wonBack) {
    }

    public record Thresholds(int engagedAfterTouches, int atRiskAfterDays, int churnedAfterDaysAtRisk,
                             int loyalAfterPurchases) {
    }

    /**
     * Which interactions count as which signal. {@code ignored} interactions (an import row is the lead
     * itself, not a touch) are not counted as touches.
     */
    public record Signals(List<Matcher> reply, List<Matcher> quote, List<Matcher> contract, List<Matcher> purchase,
                          List<Matcher> negative, List<Matcher> positive, List<Matcher> ignored) {

        public Signals {
            reply = copy(reply);
            quote = copy(quote);
            contract = copy(contract);
            purchase = copy(purchase);
            negative = copy(negative);
            positive = copy(positive);
            ignored = copy(ignored);
        }

        private static List<Matcher> copy(List<Matcher> list) {
            return list == null ? List.of() : List.copyOf(list);
        }
    }

    /**
     * Matches an interaction whose type is one of {@code types} (any type when empty) and whose details
     * hold every entry of {@code details}. Comparison ignores case.
     */
    public record Matcher(List<String> types, Map<String, String> details) {

        public Matcher {
            types = types == null ? List.of() : List.copyOf(types);
            details = details == null ? Map.of() : Map.copyOf(details);
        }

        public boolean matches(String type, Map<String, String> interactionDetails) {
            if (types.isEmpty() && details.isEmpty()) {
                return false;
            }
            if (!types.isEmpty() && (type == null || types.stream().noneMatch(type::equalsIgnoreCase))) {
                return false;
            }
            Map<String, String> actual = interactionDetails == null ? Map.of() : interactionDetails;
            return details.entrySet().stream().allMatch(e -> {
                String value = actual.get(e.getKey());
                return value != null && value.equalsIgnoreCase(e.getValue());
            });
        }
    }
}
