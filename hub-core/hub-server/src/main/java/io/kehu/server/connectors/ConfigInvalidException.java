package io.kehu.server.connectors;

import io.kehu.api.HubException;
import io.kehu.api.spi.ConfigProblem;
import java.util.List;

/** A connector definition was refused; carries every problem found, not only the first. */
public class ConfigInvalidException extends HubException {

    private final List<ConfigProblem> problems;

    public ConfigInvalidException(String message, List<ConfigProblem> problems) {
        super(Kind.CONFIGURATION, message);
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
