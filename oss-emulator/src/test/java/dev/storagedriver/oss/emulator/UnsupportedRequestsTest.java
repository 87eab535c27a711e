package dev.storagedriver.oss.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.common.comm.SignVersion;
import com.aliyun.oss.model.Bucket;
import com.aliyun.oss.model.CannedAccessControlList;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.OSSObject;
import com.aliyun.oss.model.OSSObjectSummary;
import com.aliyun.oss.model.UploadPartRequest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A request for a sub-resource or method the emulator does not implement is refused with 501 NotImplemented
 * naming it, before anything is read or written: every object, upload and bucket stays as it was.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnsupportedRequestsTest {
  static final HttpClient HTTP = HttpClient.newHttpClient();
  OssEmulator oss;
  OSS client;

  @BeforeAll
  void start() {
    // anonymous: the raw requests below need no signature; the SDK client signs and is verified as usual
    oss = OssEmulator.builder().bucket("bkt", "other").anonymous(true).build().start();
    client = Clients.client(oss, SignVersion.V1);
    client.putObject("bkt", "k", new ByteArrayInputStream("precious".getBytes(StandardCharsets.UTF_8)));
    client.putObject("bkt", "dir/a", new ByteArrayInputStream("also precious".getBytes(StandardCharsets.UTF_8)));
    String id = client.initiateMultipartUpload(new InitiateMultipartUploadRequest("bkt", "pending")).getUploadId();
    client.uploadPart(new UploadPartRequest("bkt", "pending", id, 1, new ByteArrayInputStream(new byte[10]), 10));
  }

  @AfterAll
  void stop() {
    client.shutdown();
    oss.close();
  }

  /** method, path and query, body; the sub-resource each must name. */
  record Unsupported(String method, String target, String body, String named) {
    @Override
    public String toString() {
      return method + " " + target;
    }
  }

  static Stream<Unsupported> requests() {
    String tagging = "<Tagging><TagSet><Tag><Key>a</Key><Value>b</Value></Tag></TagSet></Tagging>";
    return Stream.of(
        new Unsupported("PUT", "/bkt/k?acl", "", "acl"),
        new Unsupported("PUT", "/bkt/k?tagging", tagging, "tagging"),
        new Unsupported("GET", "/bkt/k?tagging", null, "tagging"),
        new Unsupported("DELETE", "/bkt/k?tagging", null, "tagging"),
        new Unsupported("PUT", "/bkt/k?symlink", "", "symlink"),
        new Unsupported("DELETE", "/bkt/k?versionId=CAEQ", null, "versionId"),
        new Unsupported("GET", "/bkt/k?versionId=CAEQ", null, "versionId"),
        new Unsupported("POST", "/bkt/k?restore", "", "restore"),
        new Unsupported("GET", "/bkt/k?x-oss-process=image/resize,w_10", null, "x-oss-process"),
        new Unsupported("POST", "/bkt/k?x-oss-process", "x-oss-process=image/resize", "x-oss-process"),
        new Unsupported("PUT", "/bkt/dir/a?objectMeta", "overwrite", "objectMeta"),
        new Unsupported("DELETE", "/bkt/pending?tagging", null, "tagging"),
        new Unsupported("PUT", "/bkt?acl", "", "acl"),
        new Unsupported("PUT", "/bkt?lifecycle", "<LifecycleConfiguration/>", "lifecycle"),
        new Unsupported("PUT", "/bkt?cors", "<CORSConfiguration/>", "cors"),
        new Unsupported("PUT", "/other?versioning", "<VersioningConfiguration/>", "versioning"),
        new Unsupported("DELETE", "/bkt?cors", null, "cors"),
        new Unsupported("DELETE", "/other?website", null, "website"),
        new Unsupported("DELETE", "/other?lifecycle", null, "lifecycle"),
        new Unsupported("DELETE", "/other?tagging", null, "tagging"),
        new Unsupported("DELETE", "/other?policy", null, "policy"),
        new Unsupported("GET", "/bkt?versions", null, "versions"),
        new Unsupported("GET", "/bkt?versioning", null, "versioning"),
        new Unsupported("GET", "/bkt?cors", null, "cors"),
        new Unsupported("GET", "/bkt?resourceGroup", null, "resourceGroup"),
        new Unsupported("GET", "/bkt?uploads&versions", null, "versions"),
        new Unsupported("POST", "/bkt?delete&versions", "<Delete><Object><Key>k</Key></Object></Delete>", "versions"),
        new Unsupported("PUT", "/", "", "the PUT operation on the service"),
        new Unsupported("POST", "/bkt", "", "the POST operation on a bucket"),
        new Unsupported("POST", "/bkt/k", "", "the POST operation on an object"),
        new Unsupported("PATCH", "/bkt/k", "", "the PATCH operation on an object"));
  }

  /** Every object's content, every upload and every bucket. */
  Map<String, String> everything() throws Exception {
    Map<String, String> all = new TreeMap<>();
    for (Bucket b : client.listBuckets()) {
      all.put(b.getName(), "bucket");
      for (OSSObjectSummary s : client.listObjects(b.getName()).getObjectSummaries()) {
        try (OSSObject o = client.getObject(b.getName(), s.getKey())) {
          all.put(b.getName() + "/" + s.getKey(), s.getETag() + " "
              + new String(o.getObjectContent().readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    }
    oss.inProgressUploads().forEach(u -> all.put("upload " + u.key(), u.uploadId() + " parts " + u.partCount()));
    return all;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void unsupportedRequest_isNotImplementedNamingItAndChangesNothing(Unsupported u) throws Exception {
    Map<String, String> before = everything();
    HttpRequest.BodyPublisher body = u.body() == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(u.body());
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(oss.endpoint() + u.target()))
        .method(u.method(), body).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(501);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/xml");
    assertThat(r.body()).contains("<Code>NotImplemented</Code>").contains(u.named());
    assertThat(everything()).isEqualTo(before);
    assertThat(before).containsKeys("bkt", "other", "bkt/k", "bkt/dir/a", "upload pending");
  }

  @Test
  void unsupportedRequests_areCountedAsUnsupported() throws Exception {
    long before = oss.requestCount("Unsupported");
    HTTP.send(HttpRequest.newBuilder(URI.create(oss.endpoint() + "/bkt?cors")).DELETE().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(oss.requestCount("Unsupported")).isEqualTo(before + 1);
    assertThat(oss.requestCount("DeleteBucket")).isZero();
  }

  @ParameterizedTest
  @EnumSource(value = SignVersion.class, names = {"V1", "V4"})
  void sdkCallsOfUnimplementedFeatures_areNotImplementedNotSignatureErrors(SignVersion version) throws Exception {
    Map<String, String> before = everything();
    OSS signed = Clients.client(oss, version);
    try {
      List<Runnable> calls = List.of(
          () -> signed.setObjectAcl("bkt", "k", CannedAccessControlList.PublicRead),
          () -> signed.deleteObjectTagging("bkt", "k"),
          () -> signed.deleteBucketCORSRules("bkt"),
          () -> signed.listVersions("bkt", ""),
          () -> signed.getBucketResourceGroup("bkt"));
      for (Runnable call : calls) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(OSSException.class,
            e -> assertThat(e.getErrorCode()).isEqualTo("NotImplemented"));
      }
    } finally {
      signed.shutdown();
    }
    assertThat(everything()).isEqualTo(before);
  }
}
