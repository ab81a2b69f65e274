package io.kehu.server.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Everything under {@code hub.privacy.*}: erasure on request (PIPL/GDPR) and its suppressions. */
@ConfigurationProperties("hub.privacy")
public class PrivacyProperties {

    /**
     * The salt of the hashes erased people's identifiers are kept as ({@code HUB_PRIVACY_SALT}). Empty: one is
     * generated on first use and kept in the state index. Changing it lifts every suppression.
     */
    private String salt = "";
    /** How often a hub node re-reads the suppressions, to follow erasures and lifts made on other nodes. */
    private Duration followInterval = Duration.ofSeconds(30);

    public String getSalt() {
        return salt;
    }

    public void setSalt(String salt) {
        this.salt = salt;
    }

    public Duration getFollowInterval() {
        return followInterval;
    }

    public void setFollowInterval(Duration followInterval) {
        this.followInterval = followInterval;
    }

    @Override
    public String toString() {
        return "PrivacyProperties[salt hidden, followInterval=" + followInterval + "]";
    }
}
