package dev.storagedriver.s3;

import com.typesafe.config.ConfigFactory;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDriverRegistry;
import dev.storagedriver.tck.StorageDriverTck;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The whole kit against a real S3 or MinIO bucket, skipped unless {@code S3_BUCKET} is set. Also read: {@code
 * S3_REGION} (default us-east-1), {@code S3_ENDPOINT} (for MinIO and other S3-compatible stores, e.g.
 * http://127.0.0.1:9000), {@code S3_FORCE_PATH_STYLE} (true for MinIO), {@code S3_ACCESS_KEY} and {@code
 * S3_SECRET_KEY} (else the SDK's default credentials chain), {@code S3_ROOT} (default {@code /storagedriver-tck}).
 * Every test works under a fresh {@code <S3_ROOT>/tck-<uuid>}.
 */
@EnabledIfEnvironmentVariable(named = "S3_BUCKET", matches = ".+")
class RealS3KitTest extends StorageDriverTck {
  private String root;

  private static StorageDriver open(String root) throws Exception {
    Map<String, Object> p = new HashMap<>();
    p.put("bucket", System.getenv("S3_BUCKET"));
    p.put("region", System.getenv().getOrDefault("S3_REGION", "us-east-1"));
    if (System.getenv("S3_ENDPOINT") != null) {
      p.put("regionendpoint", System.getenv("S3_ENDPOINT"));
    }
    p.put("forcepathstyle", Boolean.parseBoolean(System.getenv().getOrDefault("S3_FORCE_PATH_STYLE", "false")));
    if (System.getenv("S3_ACCESS_KEY") != null) {
      p.put("accesskey", System.getenv("S3_ACCESS_KEY"));
      p.put("secretkey", System.getenv("S3_SECRET_KEY"));
    }
    p.put("rootdirectory", root);
    p.put("chunksize", "5MiB");
    Map<String, Object> full = new HashMap<>();
    p.forEach((k, v) -> full.put("storagedriver.s3." + k, v));
    return StorageDriverRegistry.load().open("s3", ConfigFactory.parseMap(full));
  }

  @Override
  protected StorageDriver newDriver() throws Exception {
    root = System.getenv().getOrDefault("S3_ROOT", "/storagedriver-tck") + "/tck-" + UUID.randomUUID();
    return open(root);
  }

  @Override
  protected int maxPathBytes() {
    return S3Servers.maxPathBytes(root);
  }

  @Override
  protected StorageDriver reopen(StorageDriver current) throws Exception {
    return open(root);
  }
}
