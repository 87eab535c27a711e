package dev.storagedriver.oss.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.common.comm.SignVersion;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Date;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Presigned URLs, virtual-hosted style, 100-continue and server-side limits the SDK would refuse to send. */
class ProtocolEdgesTest {
  static OssEmulator signed;
  static OssEmulator open;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    signed = OssEmulator.builder().bucket("bkt").build().start();
    open = OssEmulator.builder().bucket("bkt").anonymous(true).virtualHostDomain("osslocal.test").build().start();
  }

  @AfterAll
  static void stop() {
    signed.close();
    open.close();
  }

  static HttpResponse<String> fetch(URL url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(url.toURI()).build(), HttpResponse.BodyHandlers.ofString());
  }

  URL presign(SignVersion v, long offsetMillis) {
    OSS c = Clients.client(signed, v);
    try {
      c.putObject("bkt", "dir/pre signed.txt", new ByteArrayInputStream("secret".getBytes(StandardCharsets.UTF_8)));
      return c.generatePresignedUrl("bkt", "dir/pre signed.txt", new Date(System.currentTimeMillis() + offsetMillis));
    } finally {
      c.shutdown();
    }
  }

  @Test
  void presignedUrlV1_servesObject() throws Exception {
    HttpResponse<String> r = fetch(presign(SignVersion.V1, 60_000));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("secret");
  }

  @Test
  void presignedUrlV4_servesObject() throws Exception {
    HttpResponse<String> r = fetch(presign(SignVersion.V4, 60_000));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("secret");
  }

  @Test
  void presignedUrlV1_expired_isAccessDenied() throws Exception {
    HttpResponse<String> r = fetch(presign(SignVersion.V1, -60_000));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("<Code>AccessDenied</Code>");
  }

  @Test
  void presignedUrlV4_expired_isAccessDenied() throws Exception {
    // The SDK turns the expiration into whole seconds from now; 2 s leaves at least 1 (0 is refused as invalid).
    URL url = presign(SignVersion.V4, 2_000);
    Thread.sleep(3_100);
    HttpResponse<String> r = fetch(url);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("<Code>AccessDenied</Code>");
  }

  @Test
  void presignedUrl_tamperedSignature_isSignatureDoesNotMatch() throws Exception {
    String url = presign(SignVersion.V1, 60_000).toString().replace("Signature=", "Signature=x");
    HttpResponse<String> r = fetch(new URL(url));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("<Code>SignatureDoesNotMatch</Code>");
  }

  @Test
  void virtualHostedStyle_takesBucketFromHostHeader() throws Exception {
    byte[] body = "vhost".getBytes(StandardCharsets.UTF_8);
    String put = Raw.exchange(open.port(), "PUT /a/b.txt HTTP/1.1\r\nHost: bkt.localhost:" + open.port()
        + "\r\nContent-Length: " + body.length, body);
    assertThat(put).startsWith("HTTP/1.1 200");
    String get = Raw.exchange(open.port(), "GET /a/b.txt HTTP/1.1\r\nHost: bkt.localhost:" + open.port(), null);
    assertThat(get).startsWith("HTTP/1.1 200").endsWith("vhost").contains("x-oss-request-id");
    String custom = Raw.exchange(open.port(), "GET /a/b.txt HTTP/1.1\r\nHost: bkt.osslocal.test:" + open.port(),
        null);
    assertThat(custom).endsWith("vhost");
    String list = Raw.exchange(open.port(), "GET /?prefix=a/ HTTP/1.1\r\nHost: bkt.localhost", null);
    assertThat(list).contains("<Key>a/b.txt</Key>").contains("<Name>bkt</Name>");
  }

  @Test
  void expectContinue_isAnsweredAndBodyStored() throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(open.endpoint() + "/bkt/expect"))
        .expectContinue(true).PUT(HttpRequest.BodyPublishers.ofString("continued")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    HttpResponse<String> g = HTTP.send(HttpRequest.newBuilder(URI.create(open.endpoint() + "/bkt/expect")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(g.body()).isEqualTo("continued");
  }

  @Test
  void expectContinue_refusedRequestGetsErrorBeforeBody() throws Exception {
    // raw socket: the JDK 17 HttpClient waits forever when 100-continue is answered with a final status
    String r = Raw.exchange(open.port(), "PUT /nobucket/k HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 100-continue"
        + "\r\nContent-Length: 10", null);
    assertThat(r).startsWith("HTTP/1.1 404").contains("<Code>NoSuchBucket</Code>").doesNotContain("100 Continue");
  }

  static String deleteXml(int keys) {
    StringBuilder sb = new StringBuilder("<Delete><Quiet>false</Quiet>");
    for (int i = 0; i < keys; i++) {
      sb.append("<Object><Key>k").append(i).append("</Key></Object>");
    }
    return sb.append("</Delete>").toString();
  }

  HttpResponse<String> postDelete(String xml, String md5) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(open.endpoint() + "/bkt/?delete"))
        .header("Content-MD5", md5).POST(HttpRequest.BodyPublishers.ofString(xml)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static String md5(String s) throws Exception {
    return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5")
        .digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void deleteMultiple_wrongContentMd5_isInvalidDigest() throws Exception {
    HttpResponse<String> r = postDelete(deleteXml(1), md5("other"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("<Code>InvalidDigest</Code>");
  }

  @Test
  void deleteMultiple_moreThan1000Keys_isMalformedXml() throws Exception {
    String xml = deleteXml(1001);
    HttpResponse<String> r = postDelete(xml, md5(xml));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("<Code>MalformedXML</Code>");
    String ok = deleteXml(1000);
    assertThat(postDelete(ok, md5(ok)).statusCode()).isEqualTo(200);
  }

  @Test
  void listObjects_maxKeysAbove1000_isInvalidArgument() throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(open.endpoint() + "/bkt/?max-keys=1001"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("<Code>InvalidArgument</Code>");
  }

  @Test
  void chunkedRequestBody_isStored() throws Exception {
    byte[] body = "chunked-body".getBytes(StandardCharsets.UTF_8);
    String head = "PUT /bkt/chunked HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked";
    byte[] chunks = ("5\r\nchunk\r\n7\r\ned-body\r\n0\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    assertThat(Raw.exchange(open.port(), head, chunks)).startsWith("HTTP/1.1 200")
        .contains("x-oss-hash-crc64ecma: " + Long.toUnsignedString(Crc64.of(body)));
  }

  @Test
  void copyObject_sourceAboveCopyLimit_isEntityTooLarge() {
    try (OssEmulator small = OssEmulator.builder().bucket("bkt").maxCopySize(100).build().start()) {
      OSS c = Clients.client(small, SignVersion.V1);
      try {
        c.putObject("bkt", "ok", new ByteArrayInputStream(new byte[100]));
        c.copyObject("bkt", "ok", "bkt", "ok-copy");
        c.putObject("bkt", "big", new ByteArrayInputStream(new byte[101]));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.copyObject("bkt", "big", "bkt", "big-copy"))
            .isInstanceOfSatisfying(com.aliyun.oss.OSSException.class,
                e -> assertThat(e.getErrorCode()).isEqualTo("EntityTooLarge"));
      } finally {
        c.shutdown();
      }
    }
  }

  @Test
  void staleDate_isRequestTimeTooSkewed() throws Exception {
    String date = ObjectHeaders.httpDate(System.currentTimeMillis() - 3_600_000);
    String r = Raw.exchange(signed.port(), "GET /bkt/ HTTP/1.1\r\nHost: 127.0.0.1\r\nDate: " + date
        + "\r\nAuthorization: OSS " + OssEmulator.DEFAULT_ACCESS_KEY_ID + ":AAAA", null);
    assertThat(r).startsWith("HTTP/1.1 403").contains("<Code>RequestTimeTooSkewed</Code>");
  }

  @Test
  void invalidBucketName_isInvalidBucketName() throws Exception {
    String r = Raw.exchange(open.port(), "PUT /Bad_Name HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0", null);
    assertThat(r).startsWith("HTTP/1.1 400").contains("<Code>InvalidBucketName</Code>");
  }

  @Test
  void keyLongerThan1023Bytes_isInvalidObjectName() throws Exception {
    String r = Raw.exchange(open.port(), "PUT /bkt/" + "k".repeat(1024) + " HTTP/1.1\r\nHost: 127.0.0.1"
        + "\r\nContent-Length: 0", null);
    assertThat(r).startsWith("HTTP/1.1 400").contains("<Code>InvalidObjectName</Code>")
        .contains("The Length of Object name must be less than 1024.");
    String exact = Raw.exchange(open.port(), "PUT /bkt/" + "k".repeat(1023) + " HTTP/1.1\r\nHost: 127.0.0.1"
        + "\r\nContent-Length: 0", null);
    assertThat(exact).startsWith("HTTP/1.1 200");
  }

  @Test
  void errorResponse_carriesCodeMessageRequestIdAndHostId() throws Exception {
    String r = Raw.exchange(open.port(), "GET /bkt/missing HTTP/1.1\r\nHost: 127.0.0.1", null);
    assertThat(r).startsWith("HTTP/1.1 404").contains("Content-Type: application/xml")
        .contains("<Code>NoSuchKey</Code>").contains("<Message>").contains("<RequestId>").contains("<HostId>");
  }

  // ---- issue 18 items 5, 6, 9, 10, 13 and key validation, where the SDK cannot send or see the difference

  @Test
  void headBucket_sendsTheBucketRegion() throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(open.endpoint() + "/bkt"))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("x-oss-bucket-region")).hasValue("cn-hangzhou");
  }

  @Test
  void listParts_ofAnUploadWithoutParts_hasNoNextPartNumberMarker() throws Exception {
    String init = Raw.exchange(open.port(), "POST /bkt/noparts?uploads HTTP/1.1\r\nHost: 127.0.0.1"
        + "\r\nContent-Length: 0", null);
    String id = init.substring(init.indexOf("<UploadId>") + 10, init.indexOf("</UploadId>"));
    String parts = Raw.exchange(open.port(), "GET /bkt/noparts?uploadId=" + id + " HTTP/1.1\r\nHost: 127.0.0.1",
        null);
    assertThat(parts).startsWith("HTTP/1.1 200").contains("<PartNumberMarker>0</PartNumberMarker>")
        .doesNotContain("NextPartNumberMarker");
  }

  @Test
  void appendObject_withoutPosition_isMissingArgument() throws Exception {
    String r = Raw.exchange(open.port(), "POST /bkt/log?append HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 3",
        "abc".getBytes(StandardCharsets.UTF_8));
    assertThat(r).startsWith("HTTP/1.1 400").contains("<Code>MissingArgument</Code>")
        .contains("<Message>Missing Some Required Arguments.</Message>").contains("<EC>0016-00000502</EC>")
        .contains("x-oss-ec: 0016-00000502");
  }

  @Test
  void deleteMultiple_controlCharactersAsReferencesOrRaw_deleteThoseKeys() throws Exception {
    open.putObject("bkt", "ref\u0001key", new byte[1]);
    open.putObject("bkt", "raw\u0002key", new byte[1]);
    open.putObject("bkt", "cdata\u0003key", new byte[1]);
    String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Delete><Quiet>false</Quiet>"
        + "<Object><Key>ref&#x1;key</Key></Object><Object><Key>raw\u0002key</Key></Object>"
        + "<Object><Key><![CDATA[cdata\u0003key]]></Key></Object></Delete>";
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(open.endpoint() + "/bkt/?delete"))
        .header("Content-MD5", md5(xml)).header("encoding-type", "url")
        .POST(HttpRequest.BodyPublishers.ofString(xml)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("<EncodingType>url</EncodingType>").contains("<Key>ref%01key</Key>")
        .contains("<Key>raw%02key</Key>").contains("<Key>cdata%03key</Key>");
    String list = Raw.exchange(open.port(), "GET /bkt/?encoding-type=url HTTP/1.1\r\nHost: 127.0.0.1", null);
    assertThat(list).doesNotContain("key</Key>");
  }

  @Test
  void deleteMultiple_otherRootElement_isMalformedXml() throws Exception {
    String xml = "<Remove><Object><Key>k</Key></Object></Remove>";
    HttpResponse<String> r = postDelete(xml, md5(xml));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("<Code>MalformedXML</Code>").contains("<EC>0016-00000608</EC>");
  }

  static OSS v4ClientFor(OssEmulator emulator, String region) {
    com.aliyun.oss.ClientBuilderConfiguration conf = new com.aliyun.oss.ClientBuilderConfiguration();
    conf.setSignatureVersion(SignVersion.V4);
    conf.setMaxErrorRetry(0);
    return com.aliyun.oss.OSSClientBuilder.create().endpoint(emulator.endpoint())
        .credentialsProvider(new com.aliyun.oss.common.auth.DefaultCredentialProvider(emulator.accessKeyId(),
            emulator.accessKeySecret()))
        .clientConfiguration(conf).region(region).build();
  }

  @Test
  void v4_credentialScopeOfAnotherRegion_isRefused() {
    OSS c = v4ClientFor(signed, "us-west-1");
    try {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.listObjects("bkt"))
          .isInstanceOfSatisfying(com.aliyun.oss.OSSException.class, e -> {
            assertThat(e.getErrorCode()).isEqualTo("InvalidArgument");
            assertThat(e.getErrorMessage()).contains("region");
            assertThat(e.getEC()).isEqualTo("0002-00000228");
          });
    } finally {
      c.shutdown();
    }
  }

  @Test
  void v4_credentialScopeOfAnotherProduct_isRefused() throws Exception {
    String date = java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).format(Authenticator.V4_DATE);
    String r = Raw.exchange(signed.port(), "GET /bkt/ HTTP/1.1\r\nHost: 127.0.0.1\r\nx-oss-date: " + date
        + "\r\nAuthorization: OSS4-HMAC-SHA256 Credential=" + OssEmulator.DEFAULT_ACCESS_KEY_ID + "/"
        + date.substring(0, 8) + "/cn-hangzhou/s3/aliyun_v4_request,Signature=00", null);
    assertThat(r).startsWith("HTTP/1.1 400").contains("<Code>InvalidArgument</Code>")
        .contains("<EC>0002-00000227</EC>");
  }

  @Test
  void presignedUrlV4_expiringInMoreThanSevenDays_isRefused() throws Exception {
    HttpResponse<String> eight = fetch(presign(SignVersion.V4, 8L * 24 * 3600 * 1000));
    assertThat(eight.statusCode()).isEqualTo(400);
    assertThat(eight.body()).contains("<Code>InvalidArgument</Code>").contains("<EC>0002-00000232</EC>");
    HttpResponse<String> seven = fetch(presign(SignVersion.V4, 7L * 24 * 3600 * 1000 - 60_000));
    assertThat(seven.statusCode()).isEqualTo(200);
  }

  @Test
  void keyWhosePercentEncodingIsNotUtf8_isInvalidObjectName() throws Exception {
    String r = Raw.exchange(open.port(), "PUT /bkt/bad%FFkey HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0",
        null);
    assertThat(r).startsWith("HTTP/1.1 400").contains("<Code>InvalidObjectName</Code>");
    String del = Raw.exchange(open.port(), "DELETE /bkt/%FF HTTP/1.1\r\nHost: 127.0.0.1", null);
    assertThat(del).startsWith("HTTP/1.1 400").contains("<Code>InvalidObjectName</Code>");
    assertThat(Raw.exchange(open.port(), "HEAD /bkt HTTP/1.1\r\nHost: 127.0.0.1", null)).startsWith("HTTP/1.1 200");
  }

  @Test
  void keyStartingWithSlash_isInvalidObjectName() throws Exception {
    String r = Raw.exchange(open.port(), "PUT /bkt//lead HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0", null);
    assertThat(r).startsWith("HTTP/1.1 400").contains("<Code>InvalidObjectName</Code>");
  }
}
