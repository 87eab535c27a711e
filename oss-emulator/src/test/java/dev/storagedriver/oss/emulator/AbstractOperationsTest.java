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

/** Object and listing operations through the real SDK; subclasses run them with signature V1 and V4. */
abstract class AbstractOperationsTest extends AbstractOperationsTestBase {
  // ---- PutObject / GetObject / HeadObject / GetObjectMeta

  @Test
  void putObject_returnsQuotedUppercaseMd5EtagAndCrc() throws Exception {
    byte[] data = bytes(1000);
    PutObjectResult r = put("k", data);
    assertThat(r.getETag()).isEqualTo(md5Hex(data));
    assertThat(r.getServerCRC()).isEqualTo(Crc64.of(data));
  }

  @Test
  void putObject_withKnownLength_roundTrips() throws Exception {
    byte[] data = bytes(300_000);
    ObjectMetadata m = new ObjectMetadata();
    m.setContentLength(data.length);
    client.putObject(bucket, "sized", new ByteArrayInputStream(data), m);
    assertThat(get(new GetObjectRequest(bucket, "sized"))).isEqualTo(data);
  }

  @Test
  void putObject_keyWithSpecialCharacters_roundTrips() throws Exception {
    String key = "dir/a b+c*~%é.txt";
    put(key, "x");
    assertThat(getString(key)).isEqualTo("x");
    assertThat(client.listObjects(bucket).getObjectSummaries()).extracting(OSSObjectSummary::getKey)
        .containsExactly(key);
  }

  @Test
  void putObject_wrongContentMd5_isInvalidDigest() {
    ObjectMetadata m = new ObjectMetadata();
    m.setContentMD5("1B2M2Y8AsgTpgAmY7PhCfg==");
    assertThatThrownBy(() -> client.putObject(bucket, "k", new ByteArrayInputStream(bytes(10)), m))
        .satisfies(t -> assertThat(code(t)).isEqualTo("InvalidDigest"));
    assertThat(client.doesObjectExist(bucket, "k")).isFalse();
  }

  @Test
  void putObject_forbidOverwrite_isFileAlreadyExists() {
    put("k", "one");
    ObjectMetadata m = new ObjectMetadata();
    m.setHeader("x-oss-forbid-overwrite", "true");
    assertThatThrownBy(() -> client.putObject(bucket, "k", new ByteArrayInputStream(bytes(3)), m))
        .satisfies(t -> assertThat(code(t)).isEqualTo("FileAlreadyExists"));
  }

  @Test
  void putObject_missingBucket_isNoSuchBucket() {
    assertThatThrownBy(() -> client.putObject("no-such-bucket", "k", new ByteArrayInputStream(bytes(3))))
        .satisfies(t -> assertThat(code(t)).isEqualTo("NoSuchBucket"));
  }

  @Test
  void getObject_returnsHeadersAndLowercaseUserMetadata() throws Exception {
    ObjectMetadata m = new ObjectMetadata();
    m.setContentType("text/plain");
    m.addUserMetadata("Color", "red");
    m.setCacheControl("no-cache");
    client.putObject(bucket, "k", new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8)), m);
    try (OSSObject o = client.getObject(bucket, "k")) {
      ObjectMetadata got = o.getObjectMetadata();
      assertThat(got.getUserMetadata()).containsEntry("color", "red");
      assertThat(got.getContentType()).isEqualTo("text/plain");
      assertThat(got.getCacheControl()).isEqualTo("no-cache");
      assertThat(got.getContentLength()).isEqualTo(5);
      assertThat(got.getObjectType()).isEqualTo("Normal");
      assertThat(got.getServerCRC()).isEqualTo(Crc64.of("hello".getBytes(StandardCharsets.UTF_8)));
      assertThat(got.getRequestId()).hasSize(24);
      assertThat(o.getObjectContent().readAllBytes()).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void getObject_missingKey_isNoSuchKey() {
    assertThatThrownBy(() -> client.getObject(bucket, "missing"))
        .satisfies(t -> assertThat(code(t)).isEqualTo("NoSuchKey"));
  }

  @Test
  void getObject_range_returnsPartialContentAndWholeObjectCrc() throws Exception {
    byte[] data = bytes(1000);
    put("k", data);
    GetObjectRequest r = new GetObjectRequest(bucket, "k");
    r.setRange(10, 19);
    try (OSSObject o = client.getObject(r)) {
      assertThat(o.getObjectContent().readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(data, 10, 20));
      assertThat(o.getObjectMetadata().getServerCRC()).isEqualTo(Crc64.of(data));
      assertThat(o.getObjectMetadata().getRawMetadata().get("Content-Range")).isEqualTo("bytes 10-19/1000");
    }
  }

  @Test
  void getObject_suffixRange_returnsLastBytes() throws Exception {
    byte[] data = bytes(100);
    put("k", data);
    GetObjectRequest r = new GetObjectRequest(bucket, "k");
    r.setRange(-1, 10);
    assertThat(get(r)).isEqualTo(java.util.Arrays.copyOfRange(data, 90, 100));
  }

  @Test
  void getObject_invalidRangeByDefault_returnsWholeObject() throws Exception {
    byte[] data = bytes(100);
    put("k", data);
    GetObjectRequest r = new GetObjectRequest(bucket, "k");
    r.setRange(50, 500);
    assertThat(get(r)).isEqualTo(data);
    GetObjectRequest past = new GetObjectRequest(bucket, "k");
    past.setRange(200, 300);
    assertThat(get(past)).isEqualTo(data);
  }

  @Test
  void getObject_standardRangeBehavior_clipsRangeEndingPastObject() throws Exception {
    byte[] data = bytes(100);
    put("k", data);
    GetObjectRequest r = new GetObjectRequest(bucket, "k");
    r.setRange(50, 500);
    r.addHeader("x-oss-range-behavior", "standard");
    assertThat(get(r)).isEqualTo(java.util.Arrays.copyOfRange(data, 50, 100));
  }

  @Test
  void getObject_standardRangeBehavior_rangePastEndIsInvalidRange() {
    put("k", bytes(100));
    GetObjectRequest r = new GetObjectRequest(bucket, "k");
    r.setRange(100, 200);
    r.addHeader("x-oss-range-behavior", "standard");
    assertThatThrownBy(() -> get(r)).satisfies(t -> assertThat(code(t)).isEqualTo("InvalidRange"));
  }

  @Test
  void getObject_ifNoneMatchingEtag_isNotModified() {
    PutObjectResult p = put("k", "x");
    GetObjectRequest r = new GetObjectRequest(bucket, "k");
    r.setNonmatchingETagConstraints(List.of(p.getETag()));
    assertThatThrownBy(() -> get(r)).isInstanceOf(OSSException.class);
    GetObjectRequest m = new GetObjectRequest(bucket, "k");
    m.setMatchingETagConstraints(List.of("\"0000\""));
    assertThatThrownBy(() -> get(m)).satisfies(t -> assertThat(code(t)).isEqualTo("PreconditionFailed"));
  }

  @Test
  void getObject_responseHeaderOverrides_replaceStoredHeaders() throws Exception {
    put("k", "x");
    GetObjectRequest r = new GetObjectRequest(bucket, "k");
    com.aliyun.oss.model.ResponseHeaderOverrides o = new com.aliyun.oss.model.ResponseHeaderOverrides();
    o.setContentType("application/json");
    r.setResponseHeaders(o);
    try (OSSObject obj = client.getObject(r)) {
      assertThat(obj.getObjectMetadata().getContentType()).isEqualTo("application/json");
    }
  }

  @Test
  void headObject_returnsMetadataWithoutBody() {
    ObjectMetadata m = new ObjectMetadata();
    m.addUserMetadata("a", "1");
    PutObjectResult p = client.putObject(bucket, "k", new ByteArrayInputStream(bytes(42)), m);
    ObjectMetadata got = client.getObjectMetadata(bucket, "k");
    assertThat(got.getContentLength()).isEqualTo(42);
    assertThat(got.getETag()).isEqualTo(p.getETag());
    assertThat(got.getUserMetadata()).containsEntry("a", "1");
  }

  @Test
  void headObject_missingKey_isNoSuchKeyFromErrHeader() {
    assertThatThrownBy(() -> client.getObjectMetadata(bucket, "missing"))
        .satisfies(t -> {
          assertThat(code(t)).isEqualTo("NoSuchKey");
          assertThat(((OSSException) t).getRequestId()).hasSize(24);
        });
  }

  @Test
  void getObjectMeta_returnsSizeEtagAndLastModified() {
    PutObjectResult p = put("k", bytes(7));
    SimplifiedObjectMeta m = client.getSimplifiedObjectMeta(bucket, "k");
    assertThat(m.getSize()).isEqualTo(7);
    assertThat(m.getETag()).isEqualTo(p.getETag());
    assertThat(m.getLastModified()).isNotNull();
  }

  @Test
  void getObjectMeta_missingKey_isNoSuchKey() {
    assertThatThrownBy(() -> client.getSimplifiedObjectMeta(bucket, "missing"))
        .satisfies(t -> assertThat(code(t)).isEqualTo("NoSuchKey"));
  }

  // ---- DeleteObject / DeleteMultipleObjects

  @Test
  void deleteObject_removesObjectAndSucceedsForMissingKey() {
    put("k", "x");
    client.deleteObject(bucket, "k");
    assertThat(client.doesObjectExist(bucket, "k")).isFalse();
    client.deleteObject(bucket, "k");
  }

  @Test
  void deleteObjects_verbose_listsDeletedKeys() {
    put("a", "1");
    put("b", "2");
    DeleteObjectsResult r = client.deleteObjects(new DeleteObjectsRequest(bucket).withKeys(List.of("a", "b", "c")));
    assertThat(r.getDeletedObjects()).containsExactly("a", "b", "c");
    assertThat(client.listObjects(bucket).getObjectSummaries()).isEmpty();
  }

  @Test
  void deleteObjects_quiet_returnsNoKeys() {
    put("a", "1");
    DeleteObjectsResult r = client.deleteObjects(new DeleteObjectsRequest(bucket).withKeys(List.of("a"))
        .withQuiet(true));
    assertThat(r.getDeletedObjects()).isEmpty();
    assertThat(client.doesObjectExist(bucket, "a")).isFalse();
  }

  @Test
  void deleteObjects_urlEncoding_encodesKeysOfTheAnswer() {
    // OSS: Encoding-type (a header, as the SDK sends it) URL-encodes the Key elements of the response; the SDK
    // leaves decoding to the caller
    put("a b", "1");
    DeleteObjectsResult r = client.deleteObjects(new DeleteObjectsRequest(bucket).withKeys(List.of("a b"))
        .withEncodingType("url"));
    assertThat(r.getDeletedObjects()).containsExactly("a%20b");
    assertThat(r.getEncodingType()).isEqualTo("url");
    assertThat(client.doesObjectExist(bucket, "a b")).isFalse();
  }

  // ---- CopyObject

  @Test
  void copyObject_copyDirective_keepsContentAndMetadata() throws Exception {
    ObjectMetadata m = new ObjectMetadata();
    m.addUserMetadata("color", "blue");
    client.putObject(bucket, "src", new ByteArrayInputStream("data".getBytes(StandardCharsets.UTF_8)), m);
    CopyObjectResult r = client.copyObject(bucket, "src", bucket, "dst");
    assertThat(r.getETag()).isEqualTo(md5Hex("data".getBytes(StandardCharsets.UTF_8)));
    assertThat(r.getLastModified()).isNotNull();
    assertThat(getString("dst")).isEqualTo("data");
    assertThat(client.getObjectMetadata(bucket, "dst").getUserMetadata()).containsEntry("color", "blue");
  }

  @Test
  void copyObject_replaceDirective_replacesMetadata() {
    ObjectMetadata m = new ObjectMetadata();
    m.addUserMetadata("color", "blue");
    client.putObject(bucket, "src", new ByteArrayInputStream(bytes(5)), m);
    ObjectMetadata n = new ObjectMetadata();
    n.addUserMetadata("shape", "round");
    CopyObjectRequest r = new CopyObjectRequest(bucket, "src", bucket, "dst");
    r.setNewObjectMetadata(n);
    client.copyObject(r);
    assertThat(client.getObjectMetadata(bucket, "dst").getUserMetadata()).containsEntry("shape", "round")
        .doesNotContainKey("color");
  }

  @Test
  void copyObject_missingSource_isNoSuchKey() {
    assertThatThrownBy(() -> client.copyObject(bucket, "missing", bucket, "dst"))
        .satisfies(t -> assertThat(code(t)).isEqualTo("NoSuchKey"));
  }

  @Test
  void copyObject_appendableSource_isCopiedInAnUnversionedBucket() throws Exception {
    // OSS refuses an appendable source only in versioned buckets; the emulator has none
    byte[] data = bytes(3);
    client.appendObject(new AppendObjectRequest(bucket, "app", new ByteArrayInputStream(data)).withPosition(0L));
    CopyObjectResult r = client.copyObject(bucket, "app", bucket, "dst");
    assertThat(get(new GetObjectRequest(bucket, "dst"))).isEqualTo(data);
    assertThat(r.getETag()).isEqualTo(md5Hex(data));
  }

  // ---- AppendObject

  @Test
  void appendObject_appendsAtPositionAndReportsNextPositionAndCrc() throws Exception {
    AppendObjectResult a = client.appendObject(new AppendObjectRequest(bucket, "log",
        new ByteArrayInputStream("abc".getBytes(StandardCharsets.UTF_8))).withPosition(0L));
    assertThat(a.getNextPosition()).isEqualTo(3);
    AppendObjectResult b = client.appendObject(new AppendObjectRequest(bucket, "log",
        new ByteArrayInputStream("defg".getBytes(StandardCharsets.UTF_8))).withPosition(3L)
        .withInitCRC(a.getServerCRC()));
    assertThat(b.getNextPosition()).isEqualTo(7);
    assertThat(Long.parseUnsignedLong(b.getObjectCRC()))
        .isEqualTo(Crc64.of("abcdefg".getBytes(StandardCharsets.UTF_8)));
    assertThat(getString("log")).isEqualTo("abcdefg");
    assertThat(client.getObjectMetadata(bucket, "log").getObjectType()).isEqualTo("Appendable");
  }

  @Test
  void appendObject_wrongPosition_isPositionNotEqualToLength() {
    client.appendObject(new AppendObjectRequest(bucket, "log", new ByteArrayInputStream(bytes(3))).withPosition(0L));
    assertThatThrownBy(() -> client.appendObject(new AppendObjectRequest(bucket, "log",
        new ByteArrayInputStream(bytes(3))).withPosition(1L)))
        .satisfies(t -> assertThat(code(t)).isEqualTo("PositionNotEqualToLength"));
  }

  @Test
  void appendObject_toNormalObject_isObjectNotAppendable() {
    put("k", "x");
    assertThatThrownBy(() -> client.appendObject(new AppendObjectRequest(bucket, "k",
        new ByteArrayInputStream(bytes(3))).withPosition(1L)))
        .satisfies(t -> assertThat(code(t)).isEqualTo("ObjectNotAppendable"));
  }

  // ---- ListObjects V1 / V2

  void putKeys(String... keys) {
    for (String k : keys) {
      put(k, "x");
    }
  }

  @Test
  void listObjects_prefixAndDelimiter_groupCommonPrefixes() {
    putKeys("a/1", "a/2", "a/b/3", "b/1", "top");
    ObjectListing l = client.listObjects(new ListObjectsRequest(bucket).withPrefix("a/").withDelimiter("/"));
    assertThat(l.getObjectSummaries()).extracting(OSSObjectSummary::getKey).containsExactly("a/1", "a/2");
    assertThat(l.getCommonPrefixes()).containsExactly("a/b/");
    ObjectListing root = client.listObjects(new ListObjectsRequest(bucket).withDelimiter("/"));
    assertThat(root.getCommonPrefixes()).containsExactly("a/", "b/");
    assertThat(root.getObjectSummaries()).extracting(OSSObjectSummary::getKey).containsExactly("top");
  }

  @Test
  void listObjects_maxKeysAndMarker_paginate() {
    putKeys("k1", "k2", "k3", "k4", "k5");
    List<String> seen = new ArrayList<>();
    String marker = null;
    int pages = 0;
    ObjectListing l;
    do {
      l = client.listObjects(new ListObjectsRequest(bucket).withMaxKeys(2).withMarker(marker));
      l.getObjectSummaries().forEach(s -> seen.add(s.getKey()));
      marker = l.getNextMarker();
      pages++;
      assertThat(l.getMaxKeys()).isEqualTo(2);
    } while (l.isTruncated());
    assertThat(seen).containsExactly("k1", "k2", "k3", "k4", "k5");
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void listObjects_v1_includesOwnerSizeEtagAndStorageClass() {
    PutObjectResult p = put("k", bytes(12));
    OSSObjectSummary s = client.listObjects(bucket).getObjectSummaries().get(0);
    assertThat(s.getOwner()).isNotNull();
    assertThat(s.getSize()).isEqualTo(12);
    assertThat(s.getETag()).isEqualTo(p.getETag());
    assertThat(s.getStorageClass()).isEqualTo("Standard");
    assertThat(s.getLastModified()).isNotNull();
  }

  @Test
  void listObjects_urlEncoding_encodesKeysAndPrefixes() {
    putKeys("a b/c", "x y");
    ObjectListing l = client.listObjects(new ListObjectsRequest(bucket).withDelimiter("/").withEncodingType("url"));
    assertThat(l.getEncodingType()).isEqualTo("url");
    assertThat(l.getObjectSummaries()).extracting(OSSObjectSummary::getKey).containsExactly("x%20y");
    assertThat(l.getCommonPrefixes()).containsExactly("a%20b%2F");
  }

  @Test
  void listObjectsV2_continuationToken_paginatesWithKeyCount() {
    putKeys("a", "b", "c");
    ListObjectsV2Request r = new ListObjectsV2Request(bucket).withMaxKeys(2);
    ListObjectsV2Result first = client.listObjectsV2(r);
    assertThat(first.getKeyCount()).isEqualTo(2);
    assertThat(first.isTruncated()).isTrue();
    assertThat(first.getObjectSummaries().get(0).getOwner()).isNull();
    ListObjectsV2Result second = client.listObjectsV2(new ListObjectsV2Request(bucket).withMaxKeys(2)
        .withContinuationToken(first.getNextContinuationToken()));
    assertThat(second.getObjectSummaries()).extracting(OSSObjectSummary::getKey).containsExactly("c");
    assertThat(second.isTruncated()).isFalse();
    assertThat(second.getContinuationToken()).isEqualTo(first.getNextContinuationToken());
  }

  @Test
  void listObjectsV2_startAfterAndFetchOwner() {
    putKeys("a", "b", "c");
    ListObjectsV2Result r = client.listObjectsV2(new ListObjectsV2Request(bucket).withStartAfter("a")
        .withFetchOwner(true));
    assertThat(r.getObjectSummaries()).extracting(OSSObjectSummary::getKey).containsExactly("b", "c");
    assertThat(r.getObjectSummaries().get(0).getOwner()).isNotNull();
    assertThat(r.getStartAfter()).isEqualTo("a");
  }

  @Test
  void listObjectsV2_delimiter_countsPrefixesInKeyCount() {
    putKeys("d/1", "d/2", "e");
    ListObjectsV2Result r = client.listObjectsV2(new ListObjectsV2Request(bucket).withDelimiter("/"));
    assertThat(r.getCommonPrefixes()).containsExactly("d/");
    assertThat(r.getKeyCount()).isEqualTo(2);
  }

  @Test
  void listObjects_missingBucket_isNoSuchBucket() {
    assertThatThrownBy(() -> client.listObjects("no-such-bucket"))
        .satisfies(t -> assertThat(code(t)).isEqualTo("NoSuchBucket"));
  }

  @Test
  void requestCount_countsOperationsByName() throws Exception {
    long before = oss.requestCount("PutObject");
    put("k", "x");
    client.getObject(bucket, "k").forcedClose();
    assertThat(oss.requestCount("PutObject")).isEqualTo(before + 1);
    assertThat(oss.requestCount("GetObject")).isPositive();
  }

  @Test
  void putObjectRequest_withFile_roundTrips() throws Exception {
    java.nio.file.Path f = java.nio.file.Files.createTempFile("oss", ".bin");
    try {
      byte[] data = bytes(5000);
      java.nio.file.Files.write(f, data);
      client.putObject(new PutObjectRequest(bucket, "file", f.toFile()));
      assertThat(get(new GetObjectRequest(bucket, "file"))).isEqualTo(data);
    } finally {
      java.nio.file.Files.deleteIfExists(f);
    }
  }
}
