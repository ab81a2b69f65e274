package io.kehu.server.rules;

import io.kehu.api.HubException;
import io.kehu.server.lifecycle.ConfigProblem;
import java.util.List;

/** Candidate rules were refused; carries every problem with its field path. */
public class RulesInvalidException extends HubException {

    private final String kind;
    private final List<ConfigProblem> problems;

    /** @param kind "lifecycle", "routing" */
    public RulesInvalidException(String kind, List<ConfigProblem> problems) {
        super(Kind.INVALID_INPUT, "The " + kind + " rules have " + problems.size() + " problem(s)");
        this.kind = kind;
        this.problems = List.copyOf(problems);
    }

    public String rulesKind() {
        return kind;
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
