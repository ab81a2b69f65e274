package io.kehu.server.routing;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One way of picking a profile's owner among a rule's candidates. Pure: everything it remembers between
 * calls goes out in {@link Pick#state()} and comes back in the next {@link Request#state()}.
 */
public interface AssignmentStrategy {

    Pick assign(Request request);

    /**
     * @param candidates the rule's candidate owners in rotation order, inactive ones included so a rotation
     *                   keeps its place when someone is away; strategies skip inactive owners
     * @param conversionRates each owner's recent conversion rate (0–1) by owner id, supplied by the caller
     */
    record Request(RoutingRule rule, RoutableProfile profile, List<Owner> candidates, AssignmentState state,
                   Map<String, Double> conversionRates, Instant now) {

        public AssignmentSpec.Params params() {
            return rule.assignment().params();
        }

        public String strategy() {
            return rule.assignment().strategy();
        }
    }

    /**
     * @param decision the owner (or pool offer), or null when nobody fits and the rule's fallback applies
     * @param why      why nobody fits, when {@code decision} is null
     */
    record Pick(OwnerDecision decision, AssignmentState state, String why) {

        static Pick chosen(OwnerDecision decision, AssignmentState state) {
            return new Pick(decision, state, null);
        }

        static Pick none(String why, AssignmentState state) {
            return new Pick(null, state, why);
        }
    }
}
