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

  /** {@code retry}: retries transient failures of idempotent calls; readers resume where they stopped. */
  @AutoService(StorageLayerFactory.class)
  public static final class Retry implements StorageLayerFactory {
    /** For {@link java.util.ServiceLoader}. */
    public Retry() {}

    @Override
    public String name() {
      return "retry";
    }

    @Override
    public StorageBackend create(StorageBackend below, DriverConfig config) throws StorageDriverException {
      return new RetryLayer(below, config);
    }
  }

  /** {@code timeout}: bounds every call, and every read and write of a stream. */
  @AutoService(StorageLayerFactory.class)
  public static final class Timeout implements StorageLayerFactory {
    /** For {@link java.util.ServiceLoader}. */
    public Timeout() {}

    @Override
    public String name() {
      return "timeout";
    }

    @Override
    public StorageBackend create(StorageBackend below, DriverConfig config) throws StorageDriverException {
      return new TimeoutLayer(below, config);
    }
  }

  /** {@code concurrency}: at most so many calls at once, optionally shared by name across drivers. */
  @AutoService(StorageLayerFactory.class)
  public static final class Concurrency implements StorageLayerFactory {
    /** For {@link java.util.ServiceLoader}. */
    public Concurrency() {}

    @Override
    public String name() {
      return "concurrency";
    }

    @Override
    public StorageBackend create(StorageBackend below, DriverConfig config) throws StorageDriverException {
      return new ConcurrencyLayer(below, config);
    }
  }

  /** {@code throttle}: bytes per second read and written. */
  @AutoService(StorageLayerFactory.class)
  public static final class Throttle implements StorageLayerFactory {
    /** For {@link java.util.ServiceLoader}. */
    public Throttle() {}

    @Override
    public String name() {
      return "throttle";
    }

    @Override
    public StorageBackend create(StorageBackend below, DriverConfig config) throws StorageDriverException {
      return new ThrottleLayer(below, config);
    }
  }

  /** {@code readonly}: every change refused; takes away {@link Capability#RESUMABLE_APPEND}. */
  @AutoService(StorageLayerFactory.class)
  public static final class ReadOnly implements StorageLayerFactory {
    /** For {@link java.util.ServiceLoader}. */
    public ReadOnly() {}

    @Override
    public String name() {
      return "readonly";
    }

    @Override
    public Set<Capability> removedCapabilities() {
      return Set.of(Capability.RESUMABLE_APPEND);
    }

    @Override
    public StorageBackend create(StorageBackend below, DriverConfig config) {
      return new ReadOnlyLayer(below);
    }
  }

  /** {@code prefix}: the store seen through a directory. */
  @AutoService(StorageLayerFactory.class)
  public static final class Prefix implements StorageLayerFactory {
    /** For {@link java.util.ServiceLoader}. */
    public Prefix() {}

    @Override
    public String name() {
      return "prefix";
    }

    @Override
    public StorageBackend create(StorageBackend below, DriverConfig config) throws StorageDriverException {
      return new PrefixLayer(below, config);
    }
  }

  /** {@code logging}: one SLF4J line per call. */
  @AutoService(StorageLayerFactory.class)
  public static final class Logging implements StorageLayerFactory {
    /** For {@link java.util.ServiceLoader}. */
    public Logging() {}

    @Override
    public String name() {
      return "logging";
    }

    @Override
    public StorageBackend create(StorageBackend below, DriverConfig config) throws StorageDriverException {
      return new LoggingLayer(below, config);
    }
  }

  /** {@code faults}: seeded errors, latency and cut streams. */
  @AutoService(StorageLayerFactory.class)
  public static final class Faults implements StorageLayerFactory {
    /** For {@link java.util.ServiceLoader}. */
    public Faults() {}

    @Override
    public String name() {
      return "faults";
    }

    @Override
    public StorageBackend create(StorageBackend below, DriverConfig config) throws StorageDriverException {
      return new FaultsLayer(below, config);
    }
  }

  /** {@code redirect}: rewrites scheme, host and path prefix of redirect URLs. */
  @AutoService(StorageLayerFactory.class)
  public static final class Redirect implements StorageLayerFactory {
    /** For {@link java.util.ServiceLoader}. */
    public Redirect() {}

    @Override
    public String name() {
      return "redirect";
    }

    @Override
    public StorageBackend create(StorageBackend below, DriverConfig config) throws StorageDriverException {
      return new RedirectLayer(below, config);
    }
  }

  /** {@code cdn}: Alibaba Cloud CDN URL authentication (type A) over the driver's redirect URLs. */
  @AutoService(StorageLayerFactory.class)
  public static final class Cdn implements StorageLayerFactory {
    /** For {@link java.util.ServiceLoader}. */
    public Cdn() {}

    @Override
    public String name() {
      return "cdn";
    }

    @Override
    public StorageBackend create(StorageBackend below, DriverConfig config) throws StorageDriverException {
      return new CdnLayer(below, config);
    }
  }
}
