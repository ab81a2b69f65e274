package io.kehu.server.lifecycle;

import java.util.List;

/**
 * Told about stage changes after Elasticsearch acknowledged them, from the ingest path, the sweep and
 * the manual-stage API alike. Called on the writer's thread: implementations hand slow work (HTTP
 * alerts) to their own executor and never throw.
 */
public interface StageChangeListener {

    void onStageChanges(List<StageChangeEvent> changes);
}
