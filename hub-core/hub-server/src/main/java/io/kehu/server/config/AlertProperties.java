package io.kehu.server.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Everything under {@code hub.alerts.*}: where alerts go, which conversion rates are watched, and how
 * sending is retried. Robot keys and webhook secrets belong in environment variables
 * ({@code key: ${WECOM_ROBOT_KEY}}); they are never logged or shown.
 */
@ConfigurationProperties("hub.alerts")
public class AlertProperties {

    /** Where alerts go; with none configured they are written to the log. */
    private List<Target> targets = new ArrayList<>();
    /** Conversion rates checked on a schedule. */
    private List<Conversion> conversion = new ArrayList<>();
    /** How often conversion rates are checked; 0 turns the check off. */
    private Duration checkInterval = Duration.ofHours(1);
    /** Sends per target before an alert's delivery is given up as failed. */
    private int maxAttempts = 6;
    private Duration initialBackoff = Duration.ofSeconds(5);
    private Duration maxBackoff = Duration.ofMinutes(5);

    public List<Target> getTargets() {
        return targets;
    }

    public void setTargets(List<Target> targets) {
        this.targets = targets;
    }

    public List<Conversion> getConversion() {
        return conversion;
    }

    public void setConversion(List<Conversion> conversion) {
        this.conversion = conversion;
    }

    public Duration getCheckInterval() {
        return checkInterval;
    }

    public void setCheckInterval(Duration checkInterval) {
        this.checkInterval = checkInterval;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public Duration getInitialBackoff() {
        return initialBackoff;
    }

    public void setInitialBackoff(Duration initialBackoff) {
        this.initialBackoff = initialBackoff;
    }

    public Duration getMaxBackoff() {
        return maxBackoff;
    }

    public void setMaxBackoff(Duration maxBackoff) {
        this.maxBackoff = maxBackoff;
    }

    /** One place alerts go. */
    public static class Target {
        /** {@code wecom-robot}, {@code webhook} or {@code log}. */
        private String type;
        /** Shown in the alerts list; defaults to the type. */
        private String name;
        /** The robot's send URL (defaults to WeCom's) or the webhook's URL. */
        private URI url;
        /** The WeCom group robot's key (secret). */
        private String key;
        /** Webhook only: HMAC-SHA256 key for the signature header (secret); no header when empty. */
        private String secret;
        private String signatureHeader = "X-Kehu-Signature";
        /** Messages per minute the hub sends to this target; WeCom allows a robot 20. */
        private int perMinute = 20;

        public String getType() {
            return type;
        }

        public void setType(String type) {
            this.type = type;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public URI getUrl() {
            return url;
        }

        public void setUrl(URI url) {
            this.url = url;
        }

        public String getKey() {
            return key;
        }

        public void setKey(String key) {
            this.key = key;
        }

        public String getSecret() {
            return secret;
        }

        public void setSecret(String secret) {
            this.secret = secret;
        }

        public String getSignatureHeader() {
            return signatureHeader;
        }

        public void setSignatureHeader(String signatureHeader) {
            this.signatureHeader = signatureHeader;
        }

        public int getPerMinute() {
            return perMinute;
        }

        public void setPerMinute(int perMinute) {
            this.perMinute = perMinute;
        }

        @Override
        public String toString() {
            // Keeps the key and secret out of any log or error that prints the configuration.
            return "Target[type=" + type + ", name=" + name + "]";
        }
    }

    /** A watched conversion: alert when fewer than {@code minRate} of the window's entrants convert. */
    public static class Conversion {
        private String from;
        private String to;
        private double minRate;
        private Duration window = Duration.ofDays(30);
        /** Below this many entrants the rate is noise, and no alert is raised. */
        private int minEntered = 10;

        public String getFrom() {
            return from;
        }

        public void setFrom(String from) {
            this.from = from;
        }

        public String getTo() {
            return to;
        }

        public void setTo(String to) {
            this.to = to;
        }

        public double getMinRate() {
            return minRate;
        }

        public void setMinRate(double minRate) {
            this.minRate = minRate;
        }

        public Duration getWindow() {
            return window;
        }

        public void setWindow(Duration window) {
            this.window = window;
        }

        public int getMinEntered() {
            return minEntered;
        }

        public void setMinEntered(int minEntered) {
            this.minEntered = minEntered;
        }
    }
}
