package dev.storagedriver.oss;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;
import com.aliyun.oss.model.ListObjectsV2Request;
import com.aliyun.oss.model.ListObjectsV2Result;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDriverException;
import dev.storagedriver.StorageDriverRegistry;
import dev.storagedriver.oss.emulator.OssEmulator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One emulator and the driver configurations that point at it. Register it as a static JUnit extension to have
 * it stopped after the class's tests: {@code @RegisterExtension static final EmulatorFixture fixture = ...}.
 */
final class EmulatorFixture implements AutoCloseable, AfterAllCallback {
  static final String BUCKET = "test-bucket";
  private static final AtomicInteger ROOTS = new AtomicInteger();

  final OssEmulator emulator;

  EmulatorFixture() {
    this(1000);
  }

  /** An emulator that answers at most {@code listPageLimit} entries per listing page, whatever is asked. */
  EmulatorFixture(int listPageLimit) {
    emulator = OssEmulator.builder().bucket(BUCKET).listPageLimit(listPageLimit).build().start();
  }

  /** A fresh root directory, so every driver made with it starts over an empty store. */
  static String freshRoot() {
    return "/root" + ROOTS.incrementAndGet() + "/registry";
  }

  /** The parameters for the emulator, small chunks, plus {@code extra} ("key", value, ...). */
  Map<String, Object> parameters(String signature, String root, Object... extra) {
    Map<String, Object> p = new HashMap<>();
    p.put("accesskeyid", emulator.accessKeyId());
    p.put("accesskeysecret", emulator.accessKeySecret());
    p.put("region", emulator.region());
    p.put("endpoint", emulator.endpoint());
    p.put("bucket", BUCKET);
    p.put("rootdirectory", root);
    p.put("signatureversion", signature);
    p.put("chunksize", "5MiB");
    p.put("uploadconcurrency", 2);
    p.put("maxretries", 2);
    p.put("connecttimeout", "2s");
    p.put("sockettimeout", "10s");
    p.put("multipartcopythreshold", "1MiB");
    p.put("multipartcopychunksize", "512KiB");
    for (int i = 0; i < extra.length; i += 2) {
      if (extra[i + 1] == null) {
        p.remove((String) extra[i]);
      } else {
        p.put((String) extra[i], extra[i + 1]);
      }
    }
    return p;
  }

  static Config config(Map<String, Object> parameters) {
    Map<String, Object> full = new HashMap<>();
    parameters.forEach((k, v) -> full.put("storagedriver.oss." + k, v));
    return ConfigFactory.parseMap(full);
  }

  /** A driver opened the way applications open it: by name, through the registry. */
  StorageDriver open(String signature, String root, Object... extra) throws StorageDriverException {
    return StorageDriverRegistry.load().open("oss", config(parameters(signature, root, extra)));
  }

  /** A raw SDK client on the emulator (path style, signature V1), as another tool would use; shut it down. */
  OSS rawClient() {
    return new OSSClientBuilder().build(emulator.endpoint(), emulator.accessKeyId(), emulator.accessKeySecret());
  }

  /** Every key under root directory {@code root} (as the fixture's roots are: "/x/y"), hidden ones included. */
  List<String> rawKeys(String root) {
    OSS raw = rawClient();
    try {
      List<String> keys = new ArrayList<>();
      String token = null;
      do {
        ListObjectsV2Request request = new ListObjectsV2Request(BUCKET, root.substring(1) + "/");
        request.setMaxKeys(1000);
        request.setContinuationToken(token);
        request.setEncodingType("url");
        ListObjectsV2Result page = raw.listObjectsV2(request);
        page.getObjectSummaries().forEach(s -> keys.add(OssStore.decode(s.getKey())));
        token = page.isTruncated() ? page.getNextContinuationToken() : null;
      } while (token != null);
      return keys;
    } finally {
      raw.shutdown();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  @Override
  public void close() {
    emulator.close();
  }
}
