package io.kehu.server.delivery;

import java.util.Map;

/**
 * A routing decision to be delivered: this profile goes to this destination instance, with these
 * mapped fields and this owner.
 *
 * @param ruleId the routing rule that decided it, for the delivery log
 * @param fields destination field name to value, as the rule's mapping produced them
 * @param owner  the assigned owner in the destination's terms (e.g. a Salesforce user id), or null
 */
public record OutboxEntry(String profileId, String destinationId, String ruleId, Map<String, Object> fields, String owner) {

    public OutboxEntry {
        if (profileId == null || profileId.isBlank() || destinationId == null || destinationId.isBlank()) {
            throw new IllegalArgumentException("An outbox entry needs a profile id and a destination id");
        }
        fields = fields == null ? Map.of() : fields;
    }
}
