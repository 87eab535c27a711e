package dev.storagedriver.oss.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.AppendObjectRequest;
import com.aliyun.oss.model.BucketInfo;
import com.aliyun.oss.model.CompleteMultipartUploadRequest;
import com.aliyun.oss.model.CompleteMultipartUploadResult;
import com.aliyun.oss.model.CreateBucketRequest;
import com.aliyun.oss.model.DataRedundancyType;
import com.aliyun.oss.model.DeleteObjectsRequest;
import com.aliyun.oss.model.DeleteObjectsResult;
import com.aliyun.oss.model.GetObjectRequest;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.ListMultipartUploadsRequest;
import com.aliyun.oss.model.MultipartUploadListing;
import com.aliyun.oss.model.OSSObject;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.PartETag;
import com.aliyun.oss.model.StorageClass;
import com.aliyun.oss.model.UploadFileRequest;
import com.aliyun.oss.model.UploadPartCopyRequest;
import com.aliyun.oss.model.UploadPartCopyResult;
import com.aliyun.oss.model.UploadPartRequest;
import com.aliyun.oss.model.UploadPartResult;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * OSS behaviours the SDK's own integration tests exposed (issue 18, items 2-13), each checked against what OSS's
 * documentation says, through the real SDK; subclasses pick the signature version.
 */
abstract class AbstractFidelityTest extends AbstractOperationsTestBase {

  UploadPartResult part(String key, String uploadId, int n, byte[] data) {
    return client.uploadPart(new UploadPartRequest(bucket, key, uploadId, n, new ByteArrayInputStream(data),
        data.length));
  }

  String initiate(String key) {
    return client.initiateMultipartUpload(new InitiateMultipartUploadRequest(bucket, key)).getUploadId();
  }

  // ---- item 2: the multipart ETag

  @Test
  void completeMultipartUpload_etagIsMd5OfConcatenatedHexPartEtags() throws Exception {
    String id = initiate("mp");
    UploadPartResult p1 = part("mp", id, 1, bytes(100 * 1024));
    UploadPartResult p2 = part("mp", id, 2, bytes(7));
    CompleteMultipartUploadResult c = client.completeMultipartUpload(new CompleteMultipartUploadRequest(bucket,
        "mp", id, new ArrayList<>(List.of(p1.getPartETag(), p2.getPartETag()))));
    String expected = md5Hex((p1.getETag() + p2.getETag()).getBytes(StandardCharsets.US_ASCII)) + "-2";
    assertThat(c.getETag()).isEqualTo(expected);
    assertThat(client.getObjectMetadata(bucket, "mp").getETag()).isEqualTo(expected);
  }

  // ---- item 3: CompleteMultipartUpload without parts

  @Test
  void completeMultipartUpload_withoutParts_createsAnEmptyObject() throws Exception {
    String id = initiate("empty");
    client.completeMultipartUpload(new CompleteMultipartUploadRequest(bucket, "empty", id, new ArrayList<>()));
    assertThat(get(new GetObjectRequest(bucket, "empty"))).isEmpty();
    assertThat(oss.inProgressUploads()).noneMatch(u -> u.uploadId().equals(id));
  }

  @Test
  void uploadFile_ofAnEmptyFile_succeeds() throws Throwable {
    Path f = Files.createTempFile("empty", ".bin");
    try {
      UploadFileRequest r = new UploadFileRequest(bucket, "from-file");
      r.setUploadFile(f.toString());
      client.uploadFile(r);
      assertThat(get(new GetObjectRequest(bucket, "from-file"))).isEmpty();
    } finally {
      Files.deleteIfExists(f);
    }
  }

  // ---- item 4: Content-MD5 of a PutObject object

  @Test
  void getAndHeadObject_ofAPutObject_sendContentMd5() throws Exception {
    byte[] data = bytes(321);
    put("k", data);
    String md5 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(data));
    assertThat(client.getObjectMetadata(bucket, "k").getContentMD5()).isEqualTo(md5);
    try (OSSObject o = client.getObject(bucket, "k")) {
      assertThat(o.getObjectMetadata().getContentMD5()).isEqualTo(md5);
    }
    GetObjectRequest ranged = new GetObjectRequest(bucket, "k");
    ranged.setRange(0, 9);
    try (OSSObject o = client.getObject(ranged)) {
      assertThat(o.getObjectMetadata().getContentMD5()).as("a 206 body is not the whole object").isNull();
    }
  }

  @Test
  void getObject_ofAMultipartObject_sendsNoContentMd5() {
    String id = initiate("mp");
    UploadPartResult p = part("mp", id, 1, bytes(10));
    client.completeMultipartUpload(new CompleteMultipartUploadRequest(bucket, "mp", id,
        new ArrayList<>(List.of(p.getPartETag()))));
    assertThat(client.getObjectMetadata(bucket, "mp").getContentMD5()).isNull();
  }

  // ---- item 5: PutBucket settings

  @Test
  void createBucket_keepsStorageClassAndDataRedundancyType() {
    String name = bucket + "-ia";
    client.createBucket(new CreateBucketRequest(name).withStorageType(StorageClass.IA)
        .withDataRedundancyType(DataRedundancyType.ZRS));
    BucketInfo info = client.getBucketInfo(name);
    assertThat(info.getBucket().getStorageClass()).isEqualTo(StorageClass.IA);
    assertThat(info.getDataRedundancyType()).isEqualTo(DataRedundancyType.ZRS);
    // created again by its owner: 200, and the settings stay
    client.createBucket(name);
    assertThat(client.getBucketInfo(name).getBucket().getStorageClass()).isEqualTo(StorageClass.IA);
  }

  @Test
  void putObject_withoutStorageClass_takesTheBucketsClass() {
    String name = bucket + "-ia";
    client.createBucket(new CreateBucketRequest(name).withStorageType(StorageClass.IA));
    client.putObject(name, "k", new ByteArrayInputStream(bytes(3)));
    assertThat(client.getObjectMetadata(name, "k").getObjectStorageClass()).isEqualTo(StorageClass.IA);
    ObjectMetadata standard = new ObjectMetadata();
    standard.setHeader("x-oss-storage-class", "Standard");
    client.putObject(name, "s", new ByteArrayInputStream(bytes(3)), standard);
    assertThat(client.getObjectMetadata(name, "s").getObjectStorageClass()).isEqualTo(StorageClass.Standard);
  }

  @Test
  void getBucketInfo_ofADefaultBucket_isStandardLrsInTheEmulatorsRegion() {
    BucketInfo info = client.getBucketInfo(bucket);
    assertThat(info.getDataRedundancyType()).isEqualTo(DataRedundancyType.LRS);
    assertThat(info.getBucket().getStorageClass()).isEqualTo(StorageClass.Standard);
    assertThat(info.getBucket().getLocation()).isEqualTo("oss-" + oss.region());
  }

  @Test
  void createBucket_inAnotherRegion_isInvalidLocationConstraint() {
    assertThatThrownBy(() -> client.createBucket(new CreateBucketRequest(bucket + "-far")
        .withLocationConstraint("oss-us-west-1")))
        .satisfies(t -> assertThat(code(t)).isEqualTo("InvalidLocationConstraint"));
    assertThat(client.doesBucketExist(bucket + "-far")).isFalse();
  }

  // ---- item 6: list markers

  @Test
  void listMultipartUploads_notTruncated_stillFillsNextMarkers() {
    initiate("a");
    String last = initiate("b");
    MultipartUploadListing l = client.listMultipartUploads(new ListMultipartUploadsRequest(bucket));
    assertThat(l.isTruncated()).isFalse();
    assertThat(l.getNextKeyMarker()).isEqualTo("b");
    assertThat(l.getNextUploadIdMarker()).isEqualTo(last);
  }

  // ---- item 7: UploadPartCopy with a range past the source

  @Test
  void uploadPartCopy_rangeBeyondTheSource_copiesTheWholeSource() throws Exception {
    byte[] src = bytes(512 * 1024);
    put("src", src);
    String id = initiate("dst");
    UploadPartCopyResult c = client.uploadPartCopy(new UploadPartCopyRequest(bucket, "src", bucket, "dst", id, 1,
        131072L, 524288L)); // bytes=131072-655359 of a 524,288-byte source
    assertThat(c.getETag()).isEqualTo(md5Hex(src));
    client.completeMultipartUpload(new CompleteMultipartUploadRequest(bucket, "dst", id,
        new ArrayList<>(List.of(c.getPartETag()))));
    assertThat(get(new GetObjectRequest(bucket, "dst"))).isEqualTo(src);
  }

  // ---- item 8 is copyObject_appendableSource_isCopiedInAnUnversionedBucket (AbstractOperationsTest)

  // ---- item 9: control characters in DeleteMultipleObjects

  @Test
  void deleteObjects_keysWithControlCharacters_areDeleted() {
    List<String> keys = List.of("bell\u0007", "\u0001start", "tab\tand\nnewline\r", "del\u007F");
    for (String k : keys) {
      put(k, "x");
    }
    DeleteObjectsResult r = client.deleteObjects(new DeleteObjectsRequest(bucket).withKeys(keys)
        .withEncodingType("url"));
    assertThat(r.getDeletedObjects()).hasSize(keys.size());
    for (String k : keys) {
      assertThat(client.doesObjectExist(bucket, k)).as(k).isFalse();
    }
  }

  // ---- item 11: bytes=-0

  @Test
  void getObject_rangeOfTheLastZeroBytes_isInvalidRange() {
    put("k", bytes(10));
    GetObjectRequest r = new GetObjectRequest(bucket, "k");
    r.setRange(-1, 0);
    assertThatThrownBy(() -> get(r)).isInstanceOfSatisfying(OSSException.class, e -> {
      assertThat(e.getErrorCode()).isEqualTo("InvalidRange");
    });
  }

  // ---- item 12: Location of CompleteMultipartUpload

  @Test
  void completeMultipartUpload_locationIsUrlEncoded() {
    String id = initiate("dir/a b+c");
    UploadPartResult p = part("dir/a b+c", id, 1, bytes(10));
    CompleteMultipartUploadResult c = client.completeMultipartUpload(new CompleteMultipartUploadRequest(bucket,
        "dir/a b+c", id, new ArrayList<>(List.of(p.getPartETag()))));
    assertThat(c.getLocation()).endsWith("/" + bucket + "/dir/a%20b%2Bc");
    assertThat(c.getKey()).isEqualTo("dir/a b+c");
  }

  // ---- item 13: EC codes and OSS's messages

  @Test
  void errors_carryTheEcOssDocumentsForTheCause() {
    assertThatThrownBy(() -> client.getObject(bucket, "missing")).isInstanceOfSatisfying(OSSException.class, e -> {
      assertThat(e.getErrorCode()).isEqualTo("NoSuchKey");
      assertThat(e.getEC()).isEqualTo("0026-00000001");
    });
    assertThatThrownBy(() -> client.listObjects("no-such-bucket")).isInstanceOfSatisfying(OSSException.class,
        e -> assertThat(e.getEC()).isEqualTo("0015-00000101"));
  }

  @Test
  void completeMultipartUpload_smallPart_isEntityTooSmallWithOssMessage() {
    String id = initiate("k");
    UploadPartResult p1 = part("k", id, 1, bytes(10));
    UploadPartResult p2 = part("k", id, 2, bytes(10));
    assertThatThrownBy(() -> client.completeMultipartUpload(new CompleteMultipartUploadRequest(bucket, "k", id,
        new ArrayList<>(List.of(p1.getPartETag(), p2.getPartETag())))))
        .isInstanceOfSatisfying(OSSException.class, e -> {
          assertThat(e.getErrorCode()).isEqualTo("EntityTooSmall");
          assertThat(e.getErrorMessage()).isEqualTo("Your proposed upload smaller than the minimum allowed size.");
          assertThat(e.getEC()).isEqualTo("0042-00000213");
        });
  }

  @Test
  void deleteBucket_withObjects_isBucketNotEmptyWithOssMessage() {
    put("k", "x");
    assertThatThrownBy(() -> client.deleteBucket(bucket)).isInstanceOfSatisfying(OSSException.class, e -> {
      assertThat(e.getErrorCode()).isEqualTo("BucketNotEmpty");
      assertThat(e.getErrorMessage()).isEqualTo("The bucket has objects. Please delete them first.");
      assertThat(e.getEC()).isEqualTo("0015-00000301");
    });
  }

  @Test
  void deleteBucket_withPendingUploads_isBucketNotEmptyNamingThem() {
    initiate("pending");
    assertThatThrownBy(() -> client.deleteBucket(bucket)).isInstanceOfSatisfying(OSSException.class, e -> {
      assertThat(e.getErrorCode()).isEqualTo("BucketNotEmpty");
      assertThat(e.getErrorMessage()).startsWith("The bucket has Multipart Uploads.");
    });
    assertThat(client.doesBucketExist(bucket)).isTrue();
  }

  @Test
  void appendableObject_sendsNoContentMd5() {
    // its ETag is not the MD5 of its content, so OSS sends Content-MD5 only for Normal objects
    client.appendObject(new AppendObjectRequest(bucket, "log", new ByteArrayInputStream(bytes(5))).withPosition(0L));
    ObjectMetadata m = client.getObjectMetadata(bucket, "log");
    assertThat(m.getObjectType()).isEqualTo("Appendable");
    assertThat(m.getContentMD5()).isNull();
  }
}
