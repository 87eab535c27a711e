package dev.storagedriver.layers;

import com.google.auto.service.AutoService;
import dev.storagedriver.Capability;
import dev.storagedriver.StorageDriverException;
import dev.storagedriver.spi.DriverConfig;
import dev.storagedriver.spi.StorageBackend;
import dev.storagedriver.spi.StorageLayerFactory;
import java.util.Set;

/**
 * The factories of the built-in layers, each registered for {@link java.util.ServiceLoader}. Their parameters and
 * defaults are in this module's {@code reference.conf} under {@code storagedriver.layer.<name>}.
 */
public final class BuiltInLayers {
  private BuiltInLayers() {}

  /** How a layer is made over the backend below it. */
  private interface Constructor {
    StorageBackend create(StorageBackend below, DriverConfig config) throws StorageDriverException;
  }

  /** A factory that is a name and a constructor; ServiceLoader needs one public class per layer all the same. */
  private abstract static class Named implements StorageLayerFactory {
    private final String name;
    private final Constructor constructor;

    Named(String name, Constructor constructor) {
      this.name = name;
      this.constructor = constructor;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public StorageBackend create(StorageBackend below, DriverConfig config) throws StorageDriverException {
      return constructor.create(below, config);
    }
  }

  /** {@code retry}: retries transient failures of idempotent calls; readers resume where they stopped. */
  @AutoService(StorageLayerFactory.class)
  public static final class Retry extends Named {
    /** For {@link java.util.ServiceLoader}. */
    public Retry() {
      super("retry", RetryLayer::new);
    }
  }

  /** {@code timeout}: bounds every call, and every read and write of a stream. */
  @AutoService(StorageLayerFactory.class)
  public static final class Timeout extends Named {
    /** For {@link java.util.ServiceLoader}. */
    public Timeout() {
      super("timeout", TimeoutLayer::new);
    }
  }

  /** {@code concurrency}: at most so many calls at once, optionally shared by name across drivers. */
  @AutoService(StorageLayerFactory.class)
  public static final class Concurrency extends Named {
    /** For {@link java.util.ServiceLoader}. */
    public Concurrency() {
      super("concurrency", ConcurrencyLayer::new);
    }
  }

  /** {@code throttle}: bytes per second read and written. */
  @AutoService(StorageLayerFactory.class)
  public static final class Throttle extends Named {
    /** For {@link java.util.ServiceLoader}. */
    public Throttle() {
      super("throttle", ThrottleLayer::new);
    }
  }

  /** {@code readonly}: every change refused; takes away {@link Capability#RESUMABLE_APPEND}. */
  @AutoService(StorageLayerFactory.class)
  public static final class ReadOnly extends Named {
    /** For {@link java.util.ServiceLoader}. */
    public ReadOnly() {
      super("readonly", (below, config) -> new ReadOnlyLayer(below));
    }

    @Override
    public Set<Capability> removedCapabilities() {
      return Set.of(Capability.RESUMABLE_APPEND);
    }
  }

  /** {@code prefix}: the store seen through a directory. */
  @AutoService(StorageLayerFactory.class)
  public static final class Prefix extends Named {
    /** For {@link java.util.ServiceLoader}. */
    public Prefix() {
      super("prefix", PrefixLayer::new);
    }
  }

  /** {@code logging}: one SLF4J line per call. */
  @AutoService(StorageLayerFactory.class)
  public static final class Logging extends Named {
    /** For {@link java.util.ServiceLoader}. */
    public Logging() {
      super("logging", LoggingLayer::new);
    }
  }

  /** {@code faults}: seeded errors, latency and cut streams. */
  @AutoService(StorageLayerFactory.class)
  public static final class Faults extends Named {
    /** For {@link java.util.ServiceLoader}. */
    public Faults() {
      super("faults", FaultsLayer::new);
    }
  }

  /** {@code redirect}: rewrites scheme, host and path prefix of redirect URLs. */
  @AutoService(StorageLayerFactory.class)
  public static final class Redirect extends Named {
    /** For {@link java.util.ServiceLoader}. */
    public Redirect() {
      super("redirect", RedirectLayer::new);
    }
  }

  /** {@code cdn}: Alibaba Cloud CDN URL authentication (type A) over the driver's redirect URLs. */
  @AutoService(StorageLayerFactory.class)
  public static final class Cdn extends Named {
    /** For {@link java.util.ServiceLoader}. */
    public Cdn() {
      super("cdn", CdnLayer::new);
    }
  }
}
