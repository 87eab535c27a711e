package dev.storagedriver.oss.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.AbortMultipartUploadRequest;
import com.aliyun.oss.model.Bucket;
import com.aliyun.oss.model.CompleteMultipartUploadRequest;
import com.aliyun.oss.model.CompleteMultipartUploadResult;
import com.aliyun.oss.model.GetObjectRequest;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.ListMultipartUploadsRequest;
import com.aliyun.oss.model.ListPartsRequest;
import com.aliyun.oss.model.MultipartUpload;
import com.aliyun.oss.model.MultipartUploadListing;
import com.aliyun.oss.model.PartETag;
import com.aliyun.oss.model.PartListing;
import com.aliyun.oss.model.PartSummary;
import com.aliyun.oss.model.UploadPartCopyRequest;
import com.aliyun.oss.model.UploadPartCopyResult;
import com.aliyun.oss.model.UploadPartRequest;
import com.aliyun.oss.model.UploadPartResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Multipart uploads, buckets and authentication failures through the real SDK. */
abstract class AbstractMultipartAndBucketTest extends AbstractOperationsTestBase {

  /** A mutable list: the SDK sorts the parts in place. */
  static List<PartETag> etags(PartETag... e) {
    return new ArrayList<>(Arrays.asList(e));
  }

  String initiate(String key) {
    return client.initiateMultipartUpload(new InitiateMultipartUploadRequest(bucket, key)).getUploadId();
  }

  UploadPartResult part(String key, String uploadId, int n, byte[] data) {
    UploadPartRequest r = new UploadPartRequest(bucket, key, uploadId, n, new ByteArrayInputStream(data),
        data.length);
    return client.uploadPart(r);
  }

  @Test
  void multipart_completeJoinsPartsWithCombinedCrcAndMultipartEtag() throws Exception {
    byte[] p1 = bytes(100 * 1024);
    byte[] p2 = bytes(5000);
    String id = initiate("big");
    UploadPartResult r1 = part("big", id, 1, p1);
    UploadPartResult r2 = part("big", id, 2, p2);
    assertThat(r1.getETag()).isEqualTo(md5Hex(p1));
    assertThat(r1.getServerCRC()).isEqualTo(Crc64.of(p1));
    CompleteMultipartUploadResult c = client.completeMultipartUpload(new CompleteMultipartUploadRequest(bucket,
        "big", id, etags(r1.getPartETag(), r2.getPartETag())));
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.write(p1);
    all.write(p2);
    assertThat(c.getETag()).endsWith("-2");
    assertThat(c.getServerCRC()).isEqualTo(Crc64.of(all.toByteArray()));
    assertThat(get(new GetObjectRequest(bucket, "big"))).isEqualTo(all.toByteArray());
    assertThat(client.getObjectMetadata(bucket, "big").getObjectType()).isEqualTo("Multipart");
    assertThat(oss.inProgressUploads()).noneMatch(u -> u.uploadId().equals(id));
  }

  @Test
  void multipart_reuploadedPartReplacesEarlierOne() throws Exception {
    String id = initiate("k");
    part("k", id, 1, bytes(10));
    UploadPartResult again = part("k", id, 1, bytes(20));
    client.completeMultipartUpload(new CompleteMultipartUploadRequest(bucket, "k", id,
        etags(again.getPartETag())));
    assertThat(get(new GetObjectRequest(bucket, "k"))).isEqualTo(bytes(20));
  }

  @Test
  void multipart_completeWithWrongEtag_isInvalidPart() {
    String id = initiate("k");
    part("k", id, 1, bytes(10));
    assertThatThrownBy(() -> client.completeMultipartUpload(new CompleteMultipartUploadRequest(bucket, "k", id,
        etags(new PartETag(1, "0123456789ABCDEF0123456789ABCDEF")))))
        .satisfies(t -> assertThat(code(t)).isEqualTo("InvalidPart"));
  }

  @Test
  void multipart_completeWithMissingPart_isInvalidPart() {
    String id = initiate("k");
    UploadPartResult r = part("k", id, 1, bytes(10));
    assertThatThrownBy(() -> client.completeMultipartUpload(new CompleteMultipartUploadRequest(bucket, "k", id,
        etags(new PartETag(2, r.getETag())))))
        .satisfies(t -> assertThat(code(t)).isEqualTo("InvalidPart"));
  }

  @Test
  void multipart_completeWithRepeatedPartNumber_isInvalidPartOrder() {
    String id = initiate("k");
    UploadPartResult r = part("k", id, 1, bytes(200 * 1024));
    // the SDK sorts the list, so a duplicate is the way to send a non-ascending order
    assertThatThrownBy(() -> client.completeMultipartUpload(new CompleteMultipartUploadRequest(bucket, "k", id,
        new ArrayList<>(etags(r.getPartETag(), r.getPartETag())))))
        .satisfies(t -> assertThat(code(t)).isEqualTo("InvalidPartOrder"));
  }

  @Test
  void multipart_smallNonLastPart_isEntityTooSmall() {
    String id = initiate("k");
    UploadPartResult r1 = part("k", id, 1, bytes(100 * 1024 - 1));
    UploadPartResult r2 = part("k", id, 2, bytes(10));
    assertThatThrownBy(() -> client.completeMultipartUpload(new CompleteMultipartUploadRequest(bucket, "k", id,
        etags(r1.getPartETag(), r2.getPartETag()))))
        .satisfies(t -> assertThat(code(t)).isEqualTo("EntityTooSmall"));
  }

  @Test
  void multipart_unknownUploadId_isNoSuchUpload() {
    assertThatThrownBy(() -> part("k", "0000", 1, bytes(10)))
        .satisfies(t -> assertThat(code(t)).isEqualTo("NoSuchUpload"));
    assertThatThrownBy(() -> client.completeMultipartUpload(new CompleteMultipartUploadRequest(bucket, "k", "0000",
        etags(new PartETag(1, "X"))))).satisfies(t -> assertThat(code(t)).isEqualTo("NoSuchUpload"));
    assertThatThrownBy(() -> client.abortMultipartUpload(new AbortMultipartUploadRequest(bucket, "k", "0000")))
        .satisfies(t -> assertThat(code(t)).isEqualTo("NoSuchUpload"));
  }

  @Test
  void multipart_abortRemovesUpload() {
    String id = initiate("k");
    part("k", id, 1, bytes(10));
    assertThat(oss.inProgressUploads()).anyMatch(u -> u.uploadId().equals(id) && u.partCount() == 1);
    client.abortMultipartUpload(new AbortMultipartUploadRequest(bucket, "k", id));
    assertThat(oss.inProgressUploads()).noneMatch(u -> u.uploadId().equals(id));
    assertThatThrownBy(() -> client.listParts(new ListPartsRequest(bucket, "k", id)))
        .satisfies(t -> assertThat(code(t)).isEqualTo("NoSuchUpload"));
  }

  @Test
  void listParts_paginatesByPartNumberMarker() {
    String id = initiate("k");
    for (int n = 1; n <= 3; n++) {
      part("k", id, n, bytes(n * 10));
    }
    ListPartsRequest r = new ListPartsRequest(bucket, "k", id);
    r.setMaxParts(2);
    PartListing first = client.listParts(r);
    assertThat(first.getParts()).extracting(PartSummary::getPartNumber).containsExactly(1, 2);
    assertThat(first.isTruncated()).isTrue();
    assertThat(first.getParts().get(1).getSize()).isEqualTo(20);
    r.setPartNumberMarker(first.getNextPartNumberMarker());
    PartListing second = client.listParts(r);
    assertThat(second.getParts()).extracting(PartSummary::getPartNumber).containsExactly(3);
    assertThat(second.isTruncated()).isFalse();
  }

  @Test
  void listMultipartUploads_listsInProgressUploads() {
    String a = initiate("a");
    String b = initiate("dir/b");
    MultipartUploadListing l = client.listMultipartUploads(new ListMultipartUploadsRequest(bucket));
    assertThat(l.getMultipartUploads()).extracting(MultipartUpload::getUploadId).containsExactly(a, b);
    assertThat(l.getMultipartUploads().get(0).getInitiated()).isNotNull();
    ListMultipartUploadsRequest d = new ListMultipartUploadsRequest(bucket);
    d.setDelimiter("/");
    MultipartUploadListing grouped = client.listMultipartUploads(d);
    assertThat(grouped.getCommonPrefixes()).containsExactly("dir/");
    assertThat(grouped.getMultipartUploads()).extracting(MultipartUpload::getKey).containsExactly("a");
    ListMultipartUploadsRequest page = new ListMultipartUploadsRequest(bucket);
    page.setMaxUploads(1);
    MultipartUploadListing p1 = client.listMultipartUploads(page);
    assertThat(p1.isTruncated()).isTrue();
    page.setKeyMarker(p1.getNextKeyMarker());
    page.setUploadIdMarker(p1.getNextUploadIdMarker());
    assertThat(client.listMultipartUploads(page).getMultipartUploads()).extracting(MultipartUpload::getKey)
        .containsExactly("dir/b");
  }

  @Test
  void uploadPartCopy_copiesSourceRange() throws Exception {
    byte[] src = bytes(1000);
    put("src", src);
    String id = initiate("dst");
    UploadPartCopyRequest r = new UploadPartCopyRequest(bucket, "src", bucket, "dst", id, 1, 100L, 200L);
    UploadPartCopyResult c = client.uploadPartCopy(r);
    byte[] expected = Arrays.copyOfRange(src, 100, 300);
    assertThat(c.getETag()).isEqualTo(md5Hex(expected));
    client.completeMultipartUpload(new CompleteMultipartUploadRequest(bucket, "dst", id,
        etags(c.getPartETag())));
    assertThat(get(new GetObjectRequest(bucket, "dst"))).isEqualTo(expected);
  }

  @Test
  void uploadPartCopy_ofASourceReplacedSinceItsEtag_isPreconditionFailed() throws Exception {
    put("src", bytes(1000));
    String etag = client.getObjectMetadata(bucket, "src").getETag();
    put("src", bytes(999));
    String id = initiate("dst");
    UploadPartCopyRequest r = new UploadPartCopyRequest(bucket, "src", bucket, "dst", id, 1, 0L, 100L);
    r.setMatchingETagConstraints(List.of(etag));
    assertThatThrownBy(() -> client.uploadPartCopy(r))
        .satisfies(t -> assertThat(code(t)).isEqualTo("PreconditionFailed"));
    r.setMatchingETagConstraints(List.of(client.getObjectMetadata(bucket, "src").getETag()));
    assertThat(client.uploadPartCopy(r).getETag()).isEqualTo(md5Hex(Arrays.copyOfRange(bytes(999), 0, 100)));
  }

  @Test
  void uploadPartCopy_missingSource_isNoSuchKey() {
    String id = initiate("dst");
    assertThatThrownBy(() -> client.uploadPartCopy(new UploadPartCopyRequest(bucket, "nope", bucket, "dst", id, 1,
        0L, 10L))).satisfies(t -> assertThat(code(t)).isEqualTo("NoSuchKey"));
  }

  // ---- buckets

  @Test
  void buckets_createListAndDelete() {
    client.createBucket("made-here");
    assertThat(client.listBuckets()).extracting(Bucket::getName).contains("made-here", bucket);
    assertThat(client.doesBucketExist("made-here")).isTrue();
    client.deleteBucket("made-here");
    assertThat(client.doesBucketExist("made-here")).isFalse();
  }

  @Test
  void createBucket_existingOwnBucket_succeedsAndKeepsItsObjects() throws Exception {
    // OSS PutBucket: creating a bucket you already own again is a success (200); the emulator is one account
    put("kept", "data");
    client.createBucket(bucket);
    assertThat(getString("kept")).isEqualTo("data");
  }

  @Test
  void deleteBucket_notEmpty_isBucketNotEmpty() {
    put("k", "x");
    assertThatThrownBy(() -> client.deleteBucket(bucket))
        .satisfies(t -> assertThat(code(t)).isEqualTo("BucketNotEmpty"));
  }

  @Test
  void deleteBucket_missing_isNoSuchBucket() {
    assertThatThrownBy(() -> client.deleteBucket("never-made"))
        .satisfies(t -> assertThat(code(t)).isEqualTo("NoSuchBucket"));
  }

  // ---- authentication

  @Test
  void wrongSecret_isSignatureDoesNotMatch() {
    OSS bad = Clients.client(oss, signVersion(), oss.accessKeyId(), "wrong-secret", null);
    try {
      assertThatThrownBy(() -> bad.putObject(bucket, "k", new ByteArrayInputStream(bytes(3))))
          .satisfies(t -> assertThat(code(t)).isEqualTo("SignatureDoesNotMatch"));
      assertThatThrownBy(() -> bad.getObjectMetadata(bucket, "k"))
          .satisfies(t -> assertThat(code(t)).isEqualTo("SignatureDoesNotMatch"));
    } finally {
      bad.shutdown();
    }
  }

  @Test
  void unknownAccessKey_isInvalidAccessKeyId() {
    OSS bad = Clients.client(oss, signVersion(), "unknown-key", "x", null);
    try {
      assertThatThrownBy(() -> bad.listObjects(bucket))
          .satisfies(t -> assertThat(code(t)).isEqualTo("InvalidAccessKeyId"));
    } finally {
      bad.shutdown();
    }
  }

  @Test
  void anonymousRequest_isAccessDeniedWhenNotConfigured() throws Exception {
    put("k", "x");
    java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(oss.endpoint() + "/" + bucket + "/k")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("<Code>AccessDenied</Code>");
    assertThat(r.headers().firstValue("x-oss-request-id")).isPresent();
  }

  @Test
  void stsCredentials_requireTheirSecurityToken() {
    OSS sts = Clients.client(oss, signVersion(), "sts-key", "sts-secret", "sts-token");
    OSS wrong = Clients.client(oss, signVersion(), "sts-key", "sts-secret", "other-token");
    try {
      sts.putObject(bucket, "k", new ByteArrayInputStream(bytes(3)));
      assertThat(sts.doesObjectExist(bucket, "k")).isTrue();
      assertThatThrownBy(() -> wrong.getObject(bucket, "k")).isInstanceOf(OSSException.class);
    } finally {
      sts.shutdown();
      wrong.shutdown();
    }
  }
}
