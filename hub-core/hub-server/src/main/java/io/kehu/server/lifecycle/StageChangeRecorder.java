package io.kehu.server.lifecycle;

import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import io.kehu.api.domain.Profile;
import io.kehu.search.IndexNames;
import io.kehu.search.InteractionDoc;
import io.kehu.search.StageChangeDoc;
import io.kehu.server.lifecycle.LifecycleCalculator.Transition;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records stage changes: a document in {@code stagechanges} and a {@code stage-change} entry on the
 * profile's timeline (channel {@link SignalFolder#TIMELINE_CHANNEL}, which scoring ignores), both with one
 * deterministic id, so a replay rewrites rather than doubles them. Tells the {@link StageChangeListener}s
 * about changes once Elasticsearch acknowledged them.
 */
public final class StageChangeRecorder {

    /** {@code by} of changes the ingest path makes. */
    public static final String BY_RULES = "rules";
    /** {@code by} of changes the sweep makes. */
    public static final String BY_SWEEP = "sweep";
    public static final String TIMELINE_TYPE = "stage-change";

    private static final Logger log = LoggerFactory.getLogger(StageChangeRecorder.class);

    private final IndexNames names;
    private final List<StageChangeListener> listeners;

    public StageChangeRecorder(IndexNames names, List<StageChangeListener> listeners) {
        this.names = names;
        this.listeners = List.copyOf(listeners);
    }

    /** The documents of an evaluation's changes. */
    public List<StageChangeDoc> docs(String profileId, List<Transition> changes, String by, int rulesVersion) {
        List<StageChangeDoc> out = new ArrayList<>(changes.size());
        for (Transition t : changes) {
            StageChange c = t.change();
            // The state left (stage and since) identifies a change: replaying it from the same stored state,
            // even later, gives the same id.
            String id = "sc-" + sha256(profileId + "|" + c.from() + "|" + t.fromSince() + "|" + c.to()).substring(0, 24);
            long seconds = t.fromSince() == null ? 0 : Math.max(0, Duration.between(t.fromSince(), c.at()).toSeconds());
            out.add(new StageChangeDoc(id, profileId, c.from(), c.to(), c.at(), c.reason(), c.manual(), by,
                    t.fromSince(), seconds, rulesVersion));
        }
        return out;
    }

    /** The two writes of one change; both carry the change's id. */
    public List<BulkOperation> operations(StageChangeDoc doc) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("from", doc.from());
        details.put("to", doc.to());
        details.put("by", doc.by());
        details.put("manual", String.valueOf(doc.manual()));
        details.put("reason", doc.reason());
        InteractionDoc entry = new InteractionDoc(doc.id(), doc.profileId(), TIMELINE_TYPE, SignalFolder.TIMELINE_CHANNEL,
                null, null, doc.at(), doc.at(), doc.from() + " → " + doc.to() + ": " + doc.reason(), details);
        return List.of(
                BulkOperation.of(b -> b.index(x -> x.index(names.stageChanges()).id(doc.id()).document(doc))),
                BulkOperation.of(b -> b.index(x -> x.index(names.interactions()).id(doc.id()).document(entry))));
    }

    public static StageChangeEvent event(StageChangeDoc doc, Profile profile, ProfileLifecycle after) {
        return new StageChangeEvent(doc.profileId(), profile.name(), doc.from(), doc.to(), doc.at(), doc.reason(),
                doc.manual(), after.combined(), after.tier());
    }

    /** Calls every listener with acknowledged changes; a failing listener is logged, never propagated. */
    public void publish(List<StageChangeEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        for (StageChangeListener l : listeners) {
            try {
                l.onStageChanges(List.copyOf(events));
            } catch (RuntimeException e) {
                log.warn("Stage change listener {} failed on {} changes", l.getClass().getName(), events.size(), e);
            }
        }
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
