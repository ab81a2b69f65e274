package io.kehu.server.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Everything under {@code hub.*} in config/application.yml; each value can be overridden by an
 * environment variable ({@code HUB_SEARCH_URIS}, {@code HUB_DATA_DIR}, …).
 */
@ConfigurationProperties("hub")
public class HubProperties {

    /** Where the hub keeps its data: the embedded node's indices, uploads, connector work folders. */
    private Path dataDir = Path.of("data");
    private final Search search = new Search();
    private final Plugins plugins = new Plugins();
    private final Connectors connectors = new Connectors();
    private final Identity identity = new Identity();
    private final Ingest ingest = new Ingest();
    private final Security security = new Security();
    private final Webhooks webhooks = new Webhooks();
    /** The lifecycle model and scoring rules; the built-in defaults when the file is missing. */
    private Path lifecycleFile = Path.of("config/lifecycle.yml");
    /** Owners, routing rules and the default assignee; the built-in defaults when the file is missing. */
    private Path routingFile = Path.of("config/routing.yml");
    private final Lifecycle lifecycle = new Lifecycle();
    private final Routing routing = new Routing();
    private final Work work = new Work();
    private final Delivery delivery = new Delivery();
    /**
     * How often a hub node re-reads the sets its ingest checks hold in memory (the run-time block list, the
     * erasure suppressions) to follow the changes other nodes stored; 0 turns it off.
     */
    private java.time.Duration followInterval = java.time.Duration.ofSeconds(30);

    public Path getDataDir() {
        return dataDir;
    }

    public void setDataDir(Path dataDir) {
        this.dataDir = dataDir;
    }

    public Search getSearch() {
        return search;
    }

    public Plugins getPlugins() {
        return plugins;
    }

    public Connectors getConnectors() {
        return connectors;
    }

    public Identity getIdentity() {
        return identity;
    }

    public Ingest getIngest() {
        return ingest;
    }

    public Security getSecurity() {
        return security;
    }

    public Path getLifecycleFile() {
        return lifecycleFile;
    }

    public void setLifecycleFile(Path lifecycleFile) {
        this.lifecycleFile = lifecycleFile;
    }

    public Path getRoutingFile() {
        return routingFile;
    }

    public void setRoutingFile(Path routingFile) {
        this.routingFile = routingFile;
    }

    public Webhooks getWebhooks() {
        return webhooks;
    }

    public Routing getRouting() {
        return routing;
    }

    public Lifecycle getLifecycle() {
        return lifecycle;
    }

    public Work getWork() {
        return work;
    }

    public Delivery getDelivery() {
        return delivery;
    }

    public java.time.Duration getFollowInterval() {
        return followInterval;
    }

    public void setFollowInterval(java.time.Duration followInterval) {
        this.followInterval = followInterval;
    }

    /** The delivery outbox: retries of a lead before it becomes a failed delivery, and the workers' pace. */
    public static class Delivery {
        /** Attempts of one payload before it is FAILED; a permanent refusal fails it at once. */
        private int maxAttempts = 10;
        /** Ceiling of the first retry's wait; it doubles per attempt, and the wait is drawn between 0 and it. */
        private java.time.Duration initialBackoff = java.time.Duration.ofSeconds(2);
        private java.time.Duration maxBackoff = java.time.Duration.ofMinutes(15);
        /** Longest a worker sleeps without looking at the outbox; enqueues wake it at once. */
        private java.time.Duration pollInterval = java.time.Duration.ofSeconds(30);
        /** How long stopping an instance waits for a call in flight. */
        private java.time.Duration stopTimeout = java.time.Duration.ofSeconds(30);

        public int getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public java.time.Duration getInitialBackoff() {
            return initialBackoff;
        }

        public void setInitialBackoff(java.time.Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
        }

        public java.time.Duration getMaxBackoff() {
            return maxBackoff;
        }

        public void setMaxBackoff(java.time.Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }

        public java.time.Duration getPollInterval() {
            return pollInterval;
        }

        public void setPollInterval(java.time.Duration pollInterval) {
            this.pollInterval = pollInterval;
        }

        public java.time.Duration getStopTimeout() {
            return stopTimeout;
        }

        public void setStopTimeout(java.time.Duration stopTimeout) {
            this.stopTimeout = stopTimeout;
        }
    }

    /** Limits on {@code /hooks/{instanceId}/…}. */
    public static class Webhooks {
        private long maxBodyBytes = 1024 * 1024;
        private double ratePerSecond = 20;
        private int burst = 40;

        public long getMaxBodyBytes() {
            return maxBodyBytes;
        }

        public void setMaxBodyBytes(long maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
        }

        public double getRatePerSecond() {
            return ratePerSecond;
        }

        public void setRatePerSecond(double ratePerSecond) {
            this.ratePerSecond = ratePerSecond;
        }

        public int getBurst() {
            return burst;
        }

        public void setBurst(int burst) {
            this.burst = burst;
        }
    }

    /** Retries of connector work items before they go to the dead-letter store. */
    public static class Work {
        private int maxAttempts = 8;
        private java.time.Duration initialBackoff = java.time.Duration.ofSeconds(1);
        private java.time.Duration maxBackoff = java.time.Duration.ofMinutes(5);

        public int getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public java.time.Duration getInitialBackoff() {
            return initialBackoff;
        }

        public void setInitialBackoff(java.time.Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
        }

        public java.time.Duration getMaxBackoff() {
            return maxBackoff;
        }

        public void setMaxBackoff(java.time.Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }
    }

    /** The Elasticsearch cluster; with no {@code uris} the hub runs its own embedded node. */
    public static class Search {
        private List<URI> uris = new ArrayList<>();
        private String username;
        private String password;
        private String apiKey;
        private Path caCertificate;
        private String indexPrefix = "kehu-";
        private final Embedded embedded = new Embedded();

        public List<URI> getUris() {
            return uris;
        }

        public void setUris(List<URI> uris) {
            this.uris = uris;
        }

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public String getApiKey() {
            return apiKey;
        }

        public void setApiKey(String apiKey) {
            this.apiKey = apiKey;
        }

        public Path getCaCertificate() {
            return caCertificate;
        }

        public void setCaCertificate(Path caCertificate) {
            this.caCertificate = caCertificate;
        }

        public String getIndexPrefix() {
            return indexPrefix;
        }

        public void setIndexPrefix(String indexPrefix) {
            this.indexPrefix = indexPrefix;
        }

        public Embedded getEmbedded() {
            return embedded;
        }
    }

    /** The embedded node, used when no external cluster is configured. */
    public static class Embedded {
        /** HTTP port of the embedded node; 0 picks a free one. */
        private int port = 9200;
        private String heap = "512m";
        /** Folder with the node's jars; found automatically when empty. */
        private Path lib;

        public int getPort() {
            return port;
        }

        public void setPort(int port) {
            this.port = port;
        }

        public String getHeap() {
            return heap;
        }

        public void setHeap(String heap) {
            this.heap = heap;
        }

        public Path getLib() {
            return lib;
        }

        public void setLib(Path lib) {
            this.lib = lib;
        }
    }

    public static class Plugins {
        private Path dir = Path.of("plugins");
        /** How often the folder is checked for new plugin files; 0 turns the watcher off. */
        private java.time.Duration watchInterval = java.time.Duration.ofSeconds(5);

        public java.time.Duration getWatchInterval() {
            return watchInterval;
        }

        public void setWatchInterval(java.time.Duration watchInterval) {
            this.watchInterval = watchInterval;
        }

        public Path getDir() {
            return dir;
        }

        public void setDir(Path dir) {
            this.dir = dir;
        }
    }

    public static class Connectors {
        /** Folder of connector instance definitions, one YAML file per instance. */
        private Path dir = Path.of("config/connectors");

        public Path getDir() {
            return dir;
        }

        public void setDir(Path dir) {
            this.dir = dir;
        }
    }

    public static class Identity {
        /** Region for phone numbers written without a country code. */
        private String defaultRegion = "CN";
        /** Normalized values that must never link two people, on top of the built-in list. */
        private List<String> blocked = new ArrayList<>();

        public String getDefaultRegion() {
            return defaultRegion;
        }

        public void setDefaultRegion(String defaultRegion) {
            this.defaultRegion = defaultRegion;
        }

        public List<String> getBlocked() {
            return blocked;
        }

        public void setBlocked(List<String> blocked) {
            this.blocked = blocked;
        }
    }

    /** The lifecycle sweep ({@code hub.lifecycle.*}). */
    public static class Lifecycle {
        /** How often the sweep rescores every profile for decay and time rules; 0 turns it off. */
        private java.time.Duration sweepInterval = java.time.Duration.ofHours(1);
        /** Profiles per page of the sweep: what it holds in memory at once. */
        private int sweepPageSize = 500;

        public java.time.Duration getSweepInterval() {
            return sweepInterval;
        }

        public void setSweepInterval(java.time.Duration sweepInterval) {
            this.sweepInterval = sweepInterval;
        }

        public int getSweepPageSize() {
            return sweepPageSize;
        }

        public void setSweepPageSize(int sweepPageSize) {
            this.sweepPageSize = sweepPageSize;
        }
    }

    /** Routing into the delivery outbox ({@code hub.routing.*}). */
    public static class Routing {
        /** How often routing walks the changed profiles besides the wake-ups after ingest and sweeps; 0 turns it off. */
        private java.time.Duration interval = java.time.Duration.ofMinutes(1);
        /** Profiles per page of a routing run: what it holds in memory and enqueues at once. */
        private int pageSize = 500;
        /**
         * The least time between the end of a run and a run woken by ingest or a sweep. A large import wakes
         * routing after every batch; this turns those wake-ups into one run per gap.
         */
        private java.time.Duration minGap = java.time.Duration.ofSeconds(30);
        /**
         * How often the claim pool (抢单) looks for leads past their deadline (requeued, or given to the fallback
         * or default assignee) and finishes claims cut short; 0 turns it off.
         */
        private java.time.Duration claimCheckInterval = java.time.Duration.ofMinutes(1);

        public java.time.Duration getClaimCheckInterval() {
            return claimCheckInterval;
        }

        public void setClaimCheckInterval(java.time.Duration claimCheckInterval) {
            this.claimCheckInterval = claimCheckInterval;
        }

        /** The weighted strategy's conversion rates count the leads each owner got within this window. */
        private java.time.Duration conversionWindow = java.time.Duration.ofDays(90);
        /**
         * How many leads' worth of evidence the team's conversion rate counts as in each owner's rate, so a new
         * owner starts at the team's rate and a handful of leads moves an owner only a little.
         */
        private double conversionPriorLeads = 10;

        public java.time.Duration getConversionWindow() {
            return conversionWindow;
        }

        public void setConversionWindow(java.time.Duration conversionWindow) {
            this.conversionWindow = conversionWindow;
        }

        public double getConversionPriorLeads() {
            return conversionPriorLeads;
        }

        public void setConversionPriorLeads(double conversionPriorLeads) {
            this.conversionPriorLeads = conversionPriorLeads;
        }

        public java.time.Duration getMinGap() {
            return minGap;
        }

        public void setMinGap(java.time.Duration minGap) {
            this.minGap = minGap;
        }

        public java.time.Duration getInterval() {
            return interval;
        }

        public void setInterval(java.time.Duration interval) {
            this.interval = interval;
        }

        public int getPageSize() {
            return pageSize;
        }

        public void setPageSize(int pageSize) {
            this.pageSize = pageSize;
        }
    }

    public static class Ingest {
        private int batchSize = 1000;
        /** Wait for each batch to be searchable before acknowledging; for tests and demos only. */
        private boolean refresh = false;

        public int getBatchSize() {
            return batchSize;
        }

        public void setBatchSize(int batchSize) {
            this.batchSize = batchSize;
        }

        public boolean isRefresh() {
            return refresh;
        }

        public void setRefresh(boolean refresh) {
            this.refresh = refresh;
        }
    }

    public static class Security {
        /** API keys, each as {@code name:role:sha256-of-key}; see the README. */
        private List<String> apiKeys = new ArrayList<>();
        /** Where the hub writes a generated admin key when none is configured. */
        private Path generatedKeyFile;
        /** {@code all}: every sales key sees every profile; {@code own}: a sales key tied to an owner sees that owner's. */
        private String salesSee = "all";

        public List<String> getApiKeys() {
            return apiKeys;
        }

        public void setApiKeys(List<String> apiKeys) {
            this.apiKeys = apiKeys;
        }

        public Path getGeneratedKeyFile() {
            return generatedKeyFile;
        }

        public void setGeneratedKeyFile(Path generatedKeyFile) {
            this.generatedKeyFile = generatedKeyFile;
        }

        public String getSalesSee() {
            return salesSee;
        }

        public void setSalesSee(String salesSee) {
            this.salesSee = salesSee;
        }
    }
}
