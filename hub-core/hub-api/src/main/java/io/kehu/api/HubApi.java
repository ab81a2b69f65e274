package io.kehu.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of this SPI. Plugins declare the range they were built for in {@code Plugin-Requires}. */
public final class HubApi {

    /** Semantic version of hub-api; a plugin requiring another major version is refused. */
    public static final String VERSION = load();

    private HubApi() {
    }

    private static String load() {
        try (InputStream in = HubApi.class.getResourceAsStream("hub-api.properties")) {
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
