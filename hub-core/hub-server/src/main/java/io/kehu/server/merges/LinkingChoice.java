package io.kehu.server.merges;

import io.kehu.api.HubException;
import java.util.Arrays;
import java.util.Locale;

/** What becomes of one identifier that linked the two profiles when their merge is undone. */
public enum LinkingChoice {
    /** Stays with (or moves to) the surviving profile. */
    KEEP_SURVIVOR("keep-survivor"),
    /** Goes to (or stays with) the restored profile. */
    KEEP_RESTORED("keep-restored"),
    /** Stays where it was before the merge and is blocked: it never links anybody again. */
    BLOCK("block");

    private final String wire;

    LinkingChoice(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static LinkingChoice parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(c -> c.wire.equals(v)).findFirst()
                .orElseThrow(() -> new HubException(HubException.Kind.INVALID_INPUT, "Unknown linking choice '" + value
                        + "'; use keep-survivor, keep-restored or block"));
    }
}
