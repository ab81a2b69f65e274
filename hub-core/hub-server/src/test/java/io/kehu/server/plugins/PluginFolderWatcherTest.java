package io.kehu.server.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginFolderWatcherTest {

    @TempDir
    Path dir;
    final AtomicInteger rescans = new AtomicInteger();

    @Test
    void aNewJarIsHandedOverOnceItHeldStillForAWholePoll() throws IOException {
        PluginFolderWatcher watcher = started();
        Path jar = Files.write(dir.resolve("crm.jar"), new byte[100]);

        assertThat(watcher.poll()).as("first seen: it may still be copied").isFalse();
        Files.write(jar, new byte[100], StandardOpenOption.APPEND);
        assertThat(watcher.poll()).as("still growing").isFalse();
        assertThat(watcher.poll()).isTrue();
        assertThat(watcher.poll()).as("handed over already").isFalse();
        assertThat(rescans).hasValue(1);
    }

    @Test
    void filesPresentAtStartAndOtherFilesAreNotHandedOver() throws IOException {
        Files.write(dir.resolve("loaded-at-start.jar"), new byte[10]);
        PluginFolderWatcher watcher = started();
        Files.writeString(dir.resolve("README.txt"), "not a plugin");

        watcher.poll();
        watcher.poll();

        assertThat(rescans).hasValue(0);
    }

    @Test
    void aReplacedJarIsHandedOverAgain() throws IOException {
        Path jar = Files.write(dir.resolve("crm.jar"), new byte[10]);
        PluginFolderWatcher watcher = started();
        Files.write(jar, new byte[20]);
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));

        watcher.poll();
        watcher.poll();

        assertThat(rescans).hasValue(1);
    }

    private PluginFolderWatcher started() {
        PluginFolderWatcher watcher = new PluginFolderWatcher(dir, rescans::incrementAndGet);
        watcher.start(Duration.ZERO);
        return watcher;
    }
}
