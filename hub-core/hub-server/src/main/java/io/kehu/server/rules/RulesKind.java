package io.kehu.server.rules;

import io.kehu.server.lifecycle.ConfigProblem;
import io.kehu.server.lifecycle.ConfigYaml;
import java.util.List;

/** What {@link RulesService} needs to know of one kind of rules (lifecycle, routing): pure, no state. */
public interface RulesKind<C> {

    /** "lifecycle" or "routing": in messages and problem titles. */
    String name();

    ConfigYaml.Parsed<C> parse(String yaml);

    /** Every problem of a candidate; empty only when it could be put in force (its engines build). */
    List<ConfigProblem> validate(C candidate);

    C withVersion(C config, int version);

    int version(C config);
}
