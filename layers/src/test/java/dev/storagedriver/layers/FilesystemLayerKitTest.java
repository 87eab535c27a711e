package dev.storagedriver.layers;

import dev.storagedriver.StorageDriver;
import dev.storagedriver.StoragePaths;
import dev.storagedriver.filesystem.FilesystemDriver;
import dev.storagedriver.tck.StorageDriverTck;
import dev.storagedriver.tck.TckSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole kit on the real disk through the layers whose work touches what the disk does (retry resuming
 * readers over injected faults, timeouts interrupting file channels, prefix paths joined onto on-disk names). The
 * other layers only count, log or pace calls, which the in-memory runs prove; running them here too would double
 * the time for nothing new. The full stack over the disk runs in layer-opentelemetry ({@code FullStackKitTest}),
 * with metrics and tracing on top.
 */
class FilesystemLayerKitTest {
  abstract static class Kit extends StorageDriverTck {
    @TempDir
    Path root;

    abstract String layers();

    @Override
    protected StorageDriver newDriver() throws Exception {
      return Stacks.open(FilesystemDriver.backend(root.resolve("store"), FilesystemDriver.DEFAULT_MAX_THREADS),
          layers());
    }

    @Override
    protected StorageDriver reopen(StorageDriver current) throws Exception {
      return newDriver();
    }

    @Override
    protected TckSettings settings() {
      return Stacks.fastModTime();
    }
  }

  @Nested
  class RetryOverFaults extends Kit {
    @Override
    String layers() {
      return "[ " + Stacks.FAST_RETRY + ", " + Stacks.READ_FAULTS + " ]";
    }
  }

  @Nested
  class Timeout extends Kit {
    @Override
    String layers() {
      return "[ { name = timeout, operation = 20s, idle = 20s } ]";
    }
  }

  @Nested
  class Prefix extends Kit {
    @Override
    protected int maxPathBytes() {
      // the prefix and its bytes come out of the store's 1,023
      return StoragePaths.MAX_PATH_BYTES - "/tenants/a".length();
    }

    @Override
    String layers() {
      return "[ { name = prefix, path = /tenants/a } ]";
    }
  }
}
