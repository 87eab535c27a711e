package dev.storagedriver.oss.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyun.oss.ClientException;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.common.comm.SignVersion;
import com.aliyun.oss.model.OSSObject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each fault kind, as the SDK experiences it. */
class FaultInjectionTest {
  static OssEmulator oss;
  static OSS client;
  static final byte[] DATA = new byte[64 * 1024];

  @BeforeAll
  static void start() {
    new Random(3).nextBytes(DATA);
    oss = OssEmulator.builder().bucket("bkt").build().start();
    client = Clients.client(oss, SignVersion.V4);
    client.putObject("bkt", "k", new ByteArrayInputStream(DATA));
  }

  @AfterAll
  static void stop() {
    client.shutdown();
    oss.close();
  }

  @AfterEach
  void clear() {
    oss.faults().clear();
  }

  static byte[] read(String key) throws Exception {
    try (OSSObject o = client.getObject("bkt", key)) {
      return o.getObjectContent().readAllBytes();
    }
  }

  @Test
  void failWith_answersStatusAndCodeForMatchingRequestsOnly() throws Exception {
    oss.faults().on("PutObject").key("k2").failWith(503, "ServiceUnavailable");
    client.putObject("bkt", "other", new ByteArrayInputStream(DATA)); // different key: unaffected
    assertThatThrownBy(() -> client.putObject("bkt", "k2", new ByteArrayInputStream(DATA)))
        .isInstanceOfSatisfying(OSSException.class, e -> assertThat(e.getErrorCode()).isEqualTo("ServiceUnavailable"));
    client.putObject("bkt", "k2", new ByteArrayInputStream(DATA)); // fired once, then gone
    assertThat(oss.faults().pendingRules()).isZero();
  }

  @Test
  void times_failsTheNextNRequests() throws Exception {
    oss.faults().on("GetObject").times(2).failWith(500, "InternalError");
    assertThatThrownBy(() -> read("k")).isInstanceOf(OSSException.class);
    assertThatThrownBy(() -> read("k")).isInstanceOf(OSSException.class);
    assertThat(read("k")).isEqualTo(DATA);
  }

  @Test
  void delay_postponesTheResponse() throws Exception {
    oss.faults().on("GetObject").delay(Duration.ofMillis(300));
    long t0 = System.nanoTime();
    assertThat(read("k")).isEqualTo(DATA);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void cutBody_endsTheStreamEarly() {
    oss.faults().on("GetObject").cutBody();
    assertThatThrownBy(() -> read("k")).isNotNull();
  }

  @Test
  void resetConnection_failsTheRequestOnTheClient() {
    oss.faults().onAnyOperation().resetConnection();
    assertThatThrownBy(() -> client.getObjectMetadata("bkt", "k")).isInstanceOf(ClientException.class);
  }

  @Test
  void resetConnection_comesAfterTheRequestWasServed_soAWriteTookEffect() {
    oss.faults().on("PutObject").key("served").resetConnection();
    assertThatThrownBy(() -> client.putObject("bkt", "served", new ByteArrayInputStream(DATA)))
        .isInstanceOf(ClientException.class);
    assertThat(client.doesObjectExist("bkt", "served")).isTrue();
    client.deleteObject("bkt", "served");
  }

  @Test
  void corruptBody_flipsOneByteSoTheCrcNoLongerMatches() throws Exception {
    oss.faults().on("GetObject").key("k").corruptBody();
    try (OSSObject o = client.getObject("bkt", "k")) {
      byte[] got = o.getObjectContent().readAllBytes();
      assertThat(got).hasSameSizeAs(DATA).isNotEqualTo(DATA);
      int diffs = 0;
      for (int i = 0; i < DATA.length; i++) {
        diffs += got[i] != DATA[i] ? 1 : 0;
      }
      assertThat(diffs).isEqualTo(1);
      assertThat(o.getObjectMetadata().getServerCRC()).isEqualTo(Crc64.of(DATA)).isNotEqualTo(Crc64.of(got));
    }
  }

  @Test
  void corruptBody_failsTheSdkCrcCheckOnFileDownload(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
    oss.faults().on("GetObject").corruptBody();
    assertThatThrownBy(() -> client.getObject(new com.aliyun.oss.model.GetObjectRequest("bkt", "k"),
        tmp.resolve("k").toFile())).isInstanceOf(com.aliyun.oss.InconsistentException.class);
  }

  @Test
  void corruptRequestBody_withContentMd5_isRefusedAndNothingStored() {
    com.aliyun.oss.model.ObjectMetadata meta = new com.aliyun.oss.model.ObjectMetadata();
    meta.setContentMD5(com.aliyun.oss.common.utils.BinaryUtil.toBase64String(
        com.aliyun.oss.common.utils.BinaryUtil.calculateMd5(DATA)));
    oss.faults().on("PutObject").key("md5").corruptRequestBody();
    assertThatThrownBy(() -> client.putObject("bkt", "md5", new ByteArrayInputStream(DATA), meta))
        .isInstanceOfSatisfying(com.aliyun.oss.OSSException.class,
            e -> assertThat(e.getErrorCode()).isEqualTo("InvalidDigest"));
    assertThat(client.doesObjectExist("bkt", "md5")).isFalse();
  }

  @Test
  void corruptRequestBody_withoutContentMd5_storesTheDamagedBytes_andTheSdkCrcCheckNoticesIt() throws Exception {
    oss.faults().on("PutObject").key("damaged").corruptRequestBody();
    assertThatThrownBy(() -> client.putObject("bkt", "damaged", new ByteArrayInputStream(DATA)))
        .isInstanceOf(com.aliyun.oss.InconsistentException.class);
    byte[] stored = read("damaged");
    int diffs = 0;
    for (int i = 0; i < DATA.length; i++) {
      diffs += stored[i] != DATA[i] ? 1 : 0;
    }
    assertThat(diffs).isEqualTo(1);
    client.deleteObject("bkt", "damaged");
  }

  @Test
  void ignoreRange_servesTheWholeObjectWith200() throws Exception {
    oss.faults().on("GetObject").ignoreRange();
    com.aliyun.oss.model.GetObjectRequest ranged = new com.aliyun.oss.model.GetObjectRequest("bkt", "k");
    ranged.setRange(100, 199);
    try (OSSObject o = client.getObject(ranged)) {
      assertThat(o.getResponse().getStatusCode()).isEqualTo(200);
      assertThat(o.getObjectContent().readAllBytes()).isEqualTo(DATA);
    }
    try (OSSObject o = client.getObject(ranged)) {
      assertThat(o.getObjectContent().readAllBytes()).hasSize(100); // fired once
    }
  }

  @Test
  void adminEndpoint_addsFaultsAndReportsStatsAndUploads() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> add = http.send(HttpRequest.newBuilder(URI.create(oss.endpoint()
        + "/_emulator/faults?op=HeadObject&action=fail&status=503&code=SlowDown"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(add.statusCode()).isEqualTo(200);
    assertThatThrownBy(() -> client.getObjectMetadata("bkt", "k"))
        .isInstanceOfSatisfying(OSSException.class, e -> assertThat(e.getErrorCode()).isEqualTo("SlowDown"));
    client.initiateMultipartUpload(new com.aliyun.oss.model.InitiateMultipartUploadRequest("bkt", "mp"));
    String stats = http.send(HttpRequest.newBuilder(URI.create(oss.endpoint() + "/_emulator/stats")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    assertThat(stats).contains("HeadObject ").contains("InitiateMultipartUpload 1");
    String uploads = http.send(HttpRequest.newBuilder(URI.create(oss.endpoint() + "/_emulator/uploads")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    assertThat(uploads).startsWith("bkt mp ");
    HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(oss.endpoint()
        + "/_emulator/faults?action=explode")).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(bad.statusCode()).isEqualTo(400);
  }
}
