package io.kehu.connector.wechat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.kehu.api.HubException;
import io.kehu.api.domain.SourceRecord;
import io.kehu.api.spi.ConnectorMetrics;
import io.kehu.api.spi.IngestSink;
import io.kehu.api.spi.StateStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls the customers of the follow users with batch/get_by_user, up to 100 users and 100
 * customers a page, and ingests only what changed since the last run.
 *
 * <p>WeCom has no "changed since" filter, so every page is read; what changed is told by a
 * content digest per (follow user, customer), kept in the hub's state per follow user. A
 * customer's createtime alone would miss edits (remark, phones, tags), which is what a pull
 * after a missed callback must catch. The page cursor of each group of users is committed after
 * the page's records were ingested, so a run cut off (restart, rate limit) resumes where it
 * stopped; the digests of ingested pages are committed at the end of each group, and on failure.
 */
final class WeComPuller {

    private static final Logger log = LoggerFactory.getLogger(WeComPuller.class);
    static final String CURSOR_KEY = "pull.cursor.";
    static final String DIGESTS_KEY = "pull.digests.";

    private final WeComConfig config;
    private final WeComClient client;
    private final WeComRecordMapper mapper;
    private final IngestSink ingest;
    private final StateStore state;
    private final ConnectorMetrics metrics;
    private volatile boolean stopped;

    /** What one run did. */
    record Report(int users, int pages, int seen, int ingested) {
    }

    WeComPuller(WeComConfig config, WeComClient client, WeComRecordMapper mapper, IngestSink ingest, StateStore state,
                ConnectorMetrics metrics) {
        this.config = config;
        this.client = client;
        this.mapper = mapper;
        this.ingest = ingest;
        this.state = state;
        this.metrics = metrics;
    }

    void stop() {
        stopped = true;
    }

    /** A run for the timer: failures are logged and reported in the instance's health, the next run retries. */
    void pullQuietly() {
        try {
            Report r = pull();
            log.info("WeCom pull done: {} follow users, {} pages, {} customers seen, {} changed and ingested",
                    r.users(), r.pages(), r.seen(), r.ingested());
        } catch (HubException e) {
            metrics.error("WeCom pull failed: " + e.getMessage());
            if (e.retryable()) {
                log.warn("WeCom pull stopped, the next run resumes: {}", e.getMessage());
            } else {
                log.error("WeCom pull failed: {}", e.getMessage());
            }
        } catch (RuntimeException e) {
            metrics.error("WeCom pull failed: " + e.getClass().getSimpleName());
            log.error("WeCom pull failed on a defect", e);
        }
    }

    /** One run over every follow user. */
    Report pull() {
        List<String> users = config.followUsers();
        if (users.isEmpty()) {
            users = client.followUsers().stream().distinct().sorted().toList();
        }
        Run run = new Run();
        for (int i = 0; i < users.size() && !stopped; i += WeComClient.MAX_BATCH) {
            pullGroup(users.subList(i, Math.min(users.size(), i + WeComClient.MAX_BATCH)), run);
        }
        metrics.increment("wecom.pull.runs", 1);
        return new Report(users.size(), run.pages, run.seen, run.ingested);
    }

    /** Per-run caches and counts. */
    private final class Run {
        Map<String, String> corpTags;
        int pages;
        int seen;
        int ingested;

        Map<String, String> corpTags() {
            if (corpTags == null) {
                try {
                    corpTags = client.corpTags();
                } catch (WeChatApiClient.WeChatApiException e) {
                    if (e.retryable()) {
                        throw e;
                    }
                    // Customers are worth more than their tag names: pull on without them.
                    log.warn("Cannot read the corp's customer tags (errcode {}); customers are pulled without tags", e.errcode());
                    metrics.error("Cannot read WeCom customer tags: " + e.getMessage());
                    corpTags = Map.of();
                }
            }
            return corpTags;
        }
    }

    private void pullGroup(List<String> users, Run run) {
        String cursorKey = CURSOR_KEY + WeChatMessages.sha256(String.join(",", users)).substring(0, 16);
        String cursor = state.get(cursorKey).orElse("");
        boolean fromStart = cursor.isEmpty();
        Map<String, Map<String, String>> known = new HashMap<>();
        Map<String, Map<String, String>> ingested = new HashMap<>();
        boolean complete = false;
        try {
            while (!stopped) {
                JsonNode page;
                try {
                    page = client.customersOf(users, cursor, WeComClient.MAX_BATCH);
                } catch (WeChatApiClient.WeChatApiException e) {
                    if (fromStart || e.retryable()) {
                        throw e;
                    }
                    // A stored cursor WeCom no longer accepts: start this group over rather than stall on it.
                    log.warn("WeCom refused the stored cursor (errcode {}); reading these follow users from the start", e.errcode());
                    state.delete(cursorKey);
                    cursor = "";
                    fromStart = true;
                    continue;
                }
                run.pages++;
                ingestPage(page, run, known, ingested);
                String next = Json.text(page, "next_cursor");
                if (next == null) {
                    complete = true;
                    break;
                }
                if (next.equals(cursor)) {
                    throw HubException.retryable("WeCom returned the same cursor again; the pull stops here", null);
                }
                cursor = next;
                state.put(cursorKey, cursor);
            }
            if (complete) {
                state.delete(cursorKey);
            }
        } finally {
            saveDigests(users, known, ingested, complete && fromStart);
        }
    }

    /** Ingests the page's changed customers, then notes their digests as ingested. */
    private void ingestPage(JsonNode page, Run run, Map<String, Map<String, String>> known,
                            Map<String, Map<String, String>> ingested) {
        List<SourceRecord> changed = new ArrayList<>();
        Map<String, Map<String, String>> pageDigests = new HashMap<>();
        for (JsonNode entry : page.path("external_contact_list")) {
            String extId = Json.text(entry.path("external_contact"), "external_userid");
            String owner = Json.text(entry.path("follow_info"), "userid");
            if (extId == null || owner == null) {
                continue;
            }
            run.seen++;
            Map<String, String> tags = WeComRecordMapper.hasTagIds(entry) ? run.corpTags() : Map.of();
            SourceRecord r = mapper.fromBatchEntry(entry, tags, "follow user " + owner);
            String digest = WeComRecordMapper.digestOf(r);
            pageDigests.computeIfAbsent(owner, k -> new HashMap<>()).put(extId, digest);
            if (!digest.equals(known.computeIfAbsent(owner, this::loadDigests).get(extId))) {
                changed.add(r);
            }
        }
        submit(changed);
        run.ingested += changed.size();
        pageDigests.forEach((owner, d) -> ingested.computeIfAbsent(owner, k -> new HashMap<>()).putAll(d));
    }

    private void submit(List<SourceRecord> records) {
        int size = Math.max(1, ingest.preferredBatchSize());
        for (int i = 0; i < records.size(); i += size) {
            List<SourceRecord> batch = records.subList(i, Math.min(records.size(), i + size));
            var result = ingest.submit(List.copyOf(batch));
            if (!result.rejected().isEmpty()) {
                log.debug("{} WeCom records rejected by the hub", result.rejected().size());
            }
        }
        metrics.increment("wecom.pull.ingested", records.size());
    }

    /**
     * Commits the digests of what was ingested. After a complete pass from the first page, a
     * user's digests are replaced (customers gone since are dropped); otherwise merged.
     */
    private void saveDigests(List<String> users, Map<String, Map<String, String>> known,
                             Map<String, Map<String, String>> ingested, boolean replace) {
        for (String user : users) {
            Map<String, String> now = ingested.get(user);
            if (now == null && !replace) {
                continue;
            }
            Map<String, String> before = known.containsKey(user) ? known.get(user) : loadDigests(user);
            Map<String, String> next = new HashMap<>(replace ? Map.of() : before);
            if (now != null) {
                next.putAll(now);
            }
            if (next.equals(before)) {
                continue;
            }
            if (next.isEmpty()) {
                state.delete(DIGESTS_KEY + user);
            } else {
                state.put(DIGESTS_KEY + user, Json.write(new java.util.TreeMap<>(next)));
            }
        }
    }

    private Map<String, String> loadDigests(String user) {
        String stored = state.get(DIGESTS_KEY + user).orElse(null);
        Map<String, String> out = new HashMap<>();
        if (stored == null) {
            return out;
        }
        try {
            Json.parse(stored).fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        } catch (JsonProcessingException e) {
            log.warn("Unreadable pull digests for a follow user; their customers are ingested again");
        }
        return out;
    }
}
