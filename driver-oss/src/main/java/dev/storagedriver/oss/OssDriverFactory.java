package dev.storagedriver.oss;

import com.aliyun.oss.OSS;
import com.google.auto.service.AutoService;
import dev.storagedriver.StorageDriverException;
import dev.storagedriver.objectstore.ObjectStoreBackend;
import dev.storagedriver.spi.DriverConfig;
import dev.storagedriver.spi.StorageBackend;
import dev.storagedriver.spi.StorageDriverFactory;
import java.util.Map;

/**
 * The Alibaba Cloud OSS driver, registered as {@code oss}. Parameters are those of Docker Distribution's OSS
 * driver ({@code accesskeyid}, {@code accesskeysecret}, {@code region}, {@code bucket}, {@code endpoint}, …) plus
 * the SDK's settings; {@code reference.conf} lists them all with their defaults and the module's README
 * explains each. Creating the driver checks that the bucket is reachable with the credentials given. The driver is
 * the shared {@link ObjectStoreBackend} over {@code OssStore}, the SDK's requests.
 */
@AutoService(StorageDriverFactory.class)
public final class OssDriverFactory implements StorageDriverFactory {
  /** The name to select the driver by: {@value}. */
  public static final String NAME = "oss";

  /** For {@link java.util.ServiceLoader}. */
  public OssDriverFactory() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public StorageBackend create(DriverConfig config) throws StorageDriverException {
    return create(config, System.getenv());
  }

  /** The backend over {@code client}, without the start-up check; it shuts the client down when closed. */
  static ObjectStoreBackend backend(OSS client, OssConfig parsed) {
    return new ObjectStoreBackend(new OssStore(client, parsed), parsed.settings());
  }

  /** As {@link #create(DriverConfig)}, with {@code env} in place of the process environment (for tests). */
  static StorageBackend create(DriverConfig config, Map<String, String> env) throws StorageDriverException {
    OssConfig parsed = OssConfig.parse(config);
    OSS client = OssClients.build(parsed, config, env);
    boolean ok = false;
    try {
      OssClients.checkBucket(client, parsed, config);
      ok = true;
      return backend(client, parsed);
    } finally {
      if (!ok) {
        client.shutdown();
      }
    }
  }
}
