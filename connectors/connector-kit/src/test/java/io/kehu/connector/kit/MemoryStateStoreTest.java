package io.kehu.connector.kit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MemoryStateStoreTest {

    @Test
    void keepsWhatWasPutUntilItIsDeleted() {
        MemoryStateStore store = new MemoryStateStore();
        store.put("k", "v");
        assertThat(store.get("k")).contains("v");
        store.delete("k");
        assertThat(store.get("k")).isEmpty();
    }

    @Test
    void twoStoresShareNothing() {
        MemoryStateStore a = new MemoryStateStore();
        a.put("k", "v");
        assertThat(new MemoryStateStore().get("k")).isEmpty();
    }
}
