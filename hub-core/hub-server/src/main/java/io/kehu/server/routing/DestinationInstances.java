package io.kehu.server.routing;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The destination instances routing may enqueue to. An entry for an instance that does not exist would
 * wait in the outbox forever, since no worker delivers it: such decisions are held back and counted, and
 * the rules naming the instance are warned about when they are loaded and shown by the dry run.
 */
@FunctionalInterface
public interface DestinationInstances {

    /** Every instance that is known and is not a source; read once per run. */
    Set<String> ids();

    /** Instances named by {@code config}'s rules that are not among {@code known}, in rule order. */
    static List<String> unknown(RoutingConfig config, Set<String> known) {
        Set<String> out = new LinkedHashSet<>();
        config.rules().forEach(r -> r.destinations().forEach(d -> {
            if (!known.contains(d.instance())) {
                out.add(d.instance());
            }
        }));
        return List.copyOf(out);
    }
}
