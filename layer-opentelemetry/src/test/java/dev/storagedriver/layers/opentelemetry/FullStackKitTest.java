package dev.storagedriver.layers.opentelemetry;

import com.typesafe.config.ConfigFactory;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDrivers;
import dev.storagedriver.StoragePaths;
import dev.storagedriver.StorageLayers;
import dev.storagedriver.filesystem.FilesystemDriver;
import dev.storagedriver.inmemory.InMemoryStore;
import dev.storagedriver.spi.StorageBackend;
import dev.storagedriver.tck.StorageDriverTck;
import dev.storagedriver.tck.TckSettings;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole kit through every layer that can carry it at once: tracing and metrics outermost (as an application
 * would see its calls), then the built-in layers with injected faults at the bottom that retry hides, over the
 * in-memory driver and the real disk.
 */
class FullStackKitTest {
  @RegisterExtension
  static final OpenTelemetryExtension otel = OpenTelemetryExtension.create();

  static final String PREFIX = "/tenant/a";
  static final String STACK = "[ tracing, metrics, { name = logging, level = debug }, "
      + "{ name = retry, maxattempts = 12, basedelay = 1ms, maxdelay = 4ms }, "
      + "{ name = timeout, operation = 20s, idle = 20s }, { name = concurrency, maxoperations = 16 }, "
      + "{ name = throttle, read = 4GiB, write = 4GiB }, { name = prefix, path = " + PREFIX + " }, "
      + "{ name = faults, seed = 11, errorrate = 0.05, cutrate = 0.2, cutwithin = 256KiB, "
      + "operations = [getContent, putContent, reader, stat, list, pendingWrites] } ]";

  static StorageDriver open(StorageBackend driver) throws Exception {
    return StorageDrivers.portable(StorageLayers.load().stack(driver,
        ConfigFactory.parseString("storagedriver.layers = " + STACK)));
  }

  static TckSettings fastModTime() {
    TckSettings s = TckSettings.fromSystemProperties();
    return new TckSettings(s.largeStreamSize(), s.appendChunkSize(), s.concurrentReadFileSize(),
        s.concurrentReaders(), s.concurrentWriters(), s.concurrentWriteSize(), Duration.ofMillis(50));
  }

  @Nested
  class OverInMemory extends StorageDriverTck {
    @Override
    protected int maxPathBytes() {
      return StoragePaths.MAX_PATH_BYTES - PREFIX.length();
    }

    private InMemoryStore store;

    @Override
    protected StorageDriver newDriver() throws Exception {
      store = new InMemoryStore(0);
      return open(store.backend());
    }

    @Override
    protected StorageDriver reopen(StorageDriver current) throws Exception {
      return open(store.backend());
    }

    @Override
    protected TckSettings settings() {
      return fastModTime();
    }
  }

  @Nested
  class OverFilesystem extends StorageDriverTck {
    @Override
    protected int maxPathBytes() {
      return StoragePaths.MAX_PATH_BYTES - PREFIX.length();
    }

    @TempDir
    Path root;

    @Override
    protected StorageDriver newDriver() throws Exception {
      return open(FilesystemDriver.backend(root.resolve("store"), FilesystemDriver.DEFAULT_MAX_THREADS));
    }

    @Override
    protected StorageDriver reopen(StorageDriver current) throws Exception {
      return newDriver();
    }

    @Override
    protected TckSettings settings() {
      return fastModTime();
    }
  }
}
