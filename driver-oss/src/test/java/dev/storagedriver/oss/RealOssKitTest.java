package dev.storagedriver.oss;

import com.typesafe.config.ConfigFactory;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDriverRegistry;
import dev.storagedriver.tck.StorageDriverTck;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The kit against real OSS, when {@code OSS_ACCESS_KEY_ID}, {@code OSS_ACCESS_KEY_SECRET}, {@code OSS_BUCKET},
 * {@code OSS_ENDPOINT} and {@code OSS_REGION} are set (skipped otherwise). Each test uses a fresh prefix under
 * {@code storagedriver-tck/}; the credentials are passed only through the environment lookup of the driver.
 */
@EnabledIfEnvironmentVariable(named = "OSS_ACCESS_KEY_ID", matches = ".+")
@EnabledIfEnvironmentVariable(named = "OSS_ACCESS_KEY_SECRET", matches = ".+")
@EnabledIfEnvironmentVariable(named = "OSS_BUCKET", matches = ".+")
@EnabledIfEnvironmentVariable(named = "OSS_ENDPOINT", matches = ".+")
@EnabledIfEnvironmentVariable(named = "OSS_REGION", matches = ".+")
class RealOssKitTest extends StorageDriverTck {
  private String root;

  private StorageDriver open() throws Exception {
    Map<String, Object> p = new HashMap<>();
    p.put("storagedriver.oss.bucket", System.getenv("OSS_BUCKET"));
    p.put("storagedriver.oss.endpoint", System.getenv("OSS_ENDPOINT"));
    p.put("storagedriver.oss.region", System.getenv("OSS_REGION"));
    p.put("storagedriver.oss.rootdirectory", root);
    p.put("storagedriver.oss.chunksize", "5MiB");
    return StorageDriverRegistry.load().open("oss", ConfigFactory.parseMap(p));
  }

  @Override
  protected StorageDriver newDriver() throws Exception {
    root = "/storagedriver-tck/" + UUID.randomUUID();
    return open();
  }

  @Override
  protected StorageDriver reopen(StorageDriver current) throws Exception {
    return open();
  }
}
