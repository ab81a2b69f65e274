package io.kehu.server.rules;

import io.kehu.api.HubException;
import io.kehu.server.lifecycle.ConfigProblem;
import java.util.List;

/** Candidate lifecycle rules were refused; carries every problem with its field path. */
public class RulesInvalidException extends HubException {

    private final List<ConfigProblem> problems;

    public RulesInvalidException(List<ConfigProblem> problems) {
        super(Kind.INVALID_INPUT, "The lifecycle rules have " + problems.size() + " problem(s)");
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
