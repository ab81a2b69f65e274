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
    /**
     * The former name of {@code hub.follow-interval}, which now paces the block list too; still honoured when set.
     */
    @Deprecated
    private Duration followInterval;

    public String getSalt() {
        return salt;
    }

    public void setSalt(String salt) {
        this.salt = salt;
    }

    @Deprecated
    public Duration getFollowInterval() {
        return followInterval;
    }

    @Deprecated
    public void setFollowInterval(Duration followInterval) {
        this.followInterval = followInterval;
    }

    @Override
    public String toString() {
        return "PrivacyProperties[salt hidden, followInterval=" + followInterval + "]";
    }
}
