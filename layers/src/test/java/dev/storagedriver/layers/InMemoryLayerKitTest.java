package dev.storagedriver.layers;

import dev.storagedriver.StorageDriver;
import dev.storagedriver.StoragePaths;
import dev.storagedriver.inmemory.InMemoryStore;
import dev.storagedriver.tck.StorageDriverTck;
import dev.storagedriver.tck.TckSettings;
import org.junit.jupiter.api.Nested;

/**
 * The whole conformance kit through each built-in layer over the in-memory driver, resuming from a second
 * instance included, and through the full stack. Not here: {@code readonly} (the kit writes; its own test
 * proves every write is refused), {@code redirect} and {@code cdn} (they need a driver with redirect URLs and
 * refuse to start over this one; their tests run over the OSS emulator).
 */
class InMemoryLayerKitTest {
  abstract static class Kit extends StorageDriverTck {
    private InMemoryStore store;

    abstract String layers();

    @Override
    protected StorageDriver newDriver() throws Exception {
      store = new InMemoryStore(0);
      return Stacks.open(store.backend(), layers());
    }

    @Override
    protected StorageDriver reopen(StorageDriver current) throws Exception {
      return Stacks.open(store.backend(), layers());
    }

    @Override
    protected TckSettings settings() {
      return Stacks.fastModTime();
    }
  }

  @Nested
  class Retry extends Kit {
    @Override
    String layers() {
      return "[ " + Stacks.FAST_RETRY + " ]";
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
      return "[ { name = timeout, operation = 20s, idle = 20s, walk = 60s } ]";
    }
  }

  @Nested
  class Concurrency extends Kit {
    @Override
    String layers() {
      return "[ { name = concurrency, maxoperations = 4 } ]";
    }
  }

  @Nested
  class FaultsAtRateZero extends Kit {
    @Override
    String layers() {
      // every rate at its default, 0: the layer wraps nothing and must change nothing
      return "[ { name = faults, seed = 3 } ]";
    }
  }

  @Nested
  class Throttle extends Kit {
    @Override
    String layers() {
      return "[ { name = throttle, read = 2GiB, write = 2GiB } ]";
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

  @Nested
  class Logging extends Kit {
    @Override
    String layers() {
      return "[ { name = logging, level = debug, logger = dev.storagedriver.layers.test.kit } ]";
    }
  }

  @Nested
  class FullStack extends Kit {
    @Override
    protected int maxPathBytes() {
      // the prefix and its bytes come out of the store's 1,023
      return StoragePaths.MAX_PATH_BYTES - Stacks.FULL_PREFIX.length();
    }

    @Override
    String layers() {
      return Stacks.FULL;
    }
  }
}
