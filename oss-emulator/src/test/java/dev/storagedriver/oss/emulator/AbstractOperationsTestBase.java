package dev.storagedriver.oss.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.common.comm.SignVersion;
import com.aliyun.oss.model.AppendObjectRequest;
import com.aliyun.oss.model.AppendObjectResult;
import com.aliyun.oss.model.CopyObjectRequest;
import com.aliyun.oss.model.CopyObjectResult;
import com.aliyun.oss.model.DeleteObjectsRequest;
import com.aliyun.oss.model.DeleteObjectsResult;
import com.aliyun.oss.model.GetObjectRequest;
import com.aliyun.oss.model.ListObjectsRequest;
import com.aliyun.oss.model.ListObjectsV2Request;
import com.aliyun.oss.model.ListObjectsV2Result;
import com.aliyun.oss.model.OSSObject;
import com.aliyun.oss.model.ObjectListing;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.OSSObjectSummary;
import com.aliyun.oss.model.PutObjectRequest;
import com.aliyun.oss.model.PutObjectResult;
import com.aliyun.oss.model.SimplifiedObjectMeta;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One emulator and SDK client per test class, a fresh bucket per test; subclasses pick the signature version.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractOperationsTestBase {
  private static final AtomicInteger BUCKETS = new AtomicInteger();

  OssEmulator oss;
  OSS client;
  /** A fresh bucket per test, so tests never see each other's objects. */
  String bucket;

  abstract SignVersion signVersion();

  OssEmulator.Builder configure(OssEmulator.Builder b) {
    return b.credentials("test-key", "test-secret").credentials("sts-key", "sts-secret", "sts-token");
  }

  @BeforeAll
  void startEmulator() {
    oss = configure(OssEmulator.builder()).build().start();
    client = Clients.client(oss, signVersion());
  }

  @AfterAll
  void stopEmulator() {
    client.shutdown();
    oss.close();
  }

  @org.junit.jupiter.api.BeforeEach
  void newBucket() {
    bucket = "bucket-" + BUCKETS.incrementAndGet();
    client.createBucket(bucket);
  }

  // ---- helpers

  static byte[] bytes(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }

  static String md5Hex(byte[] b) throws Exception {
    return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("MD5").digest(b));
  }

  PutObjectResult put(String key, byte[] data) {
    return client.putObject(bucket, key, new ByteArrayInputStream(data));
  }

  PutObjectResult put(String key, String data) {
    return put(key, data.getBytes(StandardCharsets.UTF_8));
  }

  byte[] get(GetObjectRequest r) throws IOException {
    try (OSSObject o = client.getObject(r); InputStream in = o.getObjectContent()) {
      return in.readAllBytes();
    }
  }

  String getString(String key) throws IOException {
    return new String(get(new GetObjectRequest(bucket, key)), StandardCharsets.UTF_8);
  }

  static String code(Throwable t) {
    return ((OSSException) t).getErrorCode();
  }

}
