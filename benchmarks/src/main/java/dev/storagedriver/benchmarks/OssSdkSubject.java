package dev.storagedriver.benchmarks;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;
import com.aliyun.oss.common.auth.DefaultCredentialProvider;
import com.aliyun.oss.common.comm.SignVersion;
import com.aliyun.oss.model.CompleteMultipartUploadRequest;
import com.aliyun.oss.model.DeleteObjectsRequest;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.ListObjectsV2Request;
import com.aliyun.oss.model.ListObjectsV2Result;
import com.aliyun.oss.model.OSSObject;
import com.aliyun.oss.model.OSSObjectSummary;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.PartETag;
import com.aliyun.oss.model.UploadPartRequest;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The OSS baseline: raw {@code aliyun-sdk-oss} calls with the client settings the driver uses (signature V4, CRC
 * checks on). Large writes are a multipart upload with the driver's part size and parallelism: parts are filled
 * from the stream and uploaded by {@code concurrency} threads, at most that many in flight.
 */
final class OssSdkSubject implements Subject {
  private final OSS client;
  private final String bucket;
  private final int partSize;
  private final int concurrency;
  private final ExecutorService uploads;

  OssSdkSubject(String endpoint, String region, String accessKeyId, String secret, String bucket, int partSize,
      int concurrency) {
    this.client = client(endpoint, region, accessKeyId, secret);
    this.bucket = bucket;
    this.partSize = partSize;
    this.concurrency = concurrency;
    this.uploads = Executors.newFixedThreadPool(concurrency, r -> {
      Thread t = new Thread(r, "sdk-baseline-upload");
      t.setDaemon(true);
      return t;
    });
  }

  static OSS client(String endpoint, String region, String accessKeyId, String secret) {
    ClientBuilderConfiguration conf = new ClientBuilderConfiguration();
    conf.setSignatureVersion(SignVersion.V4);
    conf.setCrcCheckEnabled(true);
    conf.setMaxConnections(128);
    return OSSClientBuilder.create().endpoint(endpoint)
        .credentialsProvider(new DefaultCredentialProvider(accessKeyId, secret))
        .clientConfiguration(conf).region(region).build();
  }

  private static String objectKey(String key) {
    return key.substring(1);
  }

  @Override
  public void put(String key, byte[] data) {
    ObjectMetadata meta = new ObjectMetadata();
    meta.setContentLength(data.length);
    client.putObject(bucket, objectKey(key), new ByteArrayInputStream(data), meta);
  }

  @Override
  public byte[] get(String key) throws Exception {
    try (OSSObject o = client.getObject(bucket, objectKey(key)); InputStream in = o.getObjectContent()) {
      return in.readAllBytes();
    }
  }

  @Override
  public long stat(String key) {
    return client.getObjectMetadata(bucket, objectKey(key)).getContentLength();
  }

  @Override
  public void streamWrite(String key, byte[] chunk, long total) throws Exception {
    String k = objectKey(key);
    if (total <= partSize) {
      byte[] all = new byte[(int) total];
      for (int off = 0; off < total; off += chunk.length) {
        System.arraycopy(chunk, 0, all, off, Math.min(chunk.length, (int) total - off));
      }
      put(key, all);
      return;
    }
    String uploadId = client.initiateMultipartUpload(new InitiateMultipartUploadRequest(bucket, k)).getUploadId();
    List<Future<PartETag>> inFlight = new ArrayList<>();
    List<PartETag> done = new ArrayList<>();
    byte[] part = new byte[partSize];
    int filled = 0;
    int number = 0;
    for (long sent = 0; sent < total; ) {
      int len = (int) Math.min(Math.min(chunk.length, total - sent), partSize - filled);
      System.arraycopy(chunk, 0, part, filled, len);
      filled += len;
      sent += len;
      if (filled == partSize || sent == total) {
        if (inFlight.size() == concurrency) {
          done.add(inFlight.remove(0).get());
        }
        final byte[] body = part;
        final int size = filled;
        final int n = ++number;
        inFlight.add(uploads.submit(() -> {
          UploadPartRequest r = new UploadPartRequest(bucket, k, uploadId, n,
              new ByteArrayInputStream(body, 0, size), size);
          return client.uploadPart(r).getPartETag();
        }));
        part = new byte[partSize]; // the in-flight part keeps its buffer
        filled = 0;
      }
    }
    for (Future<PartETag> f : inFlight) {
      done.add(f.get());
    }
    client.completeMultipartUpload(new CompleteMultipartUploadRequest(bucket, k, uploadId, done));
  }

  @Override
  public long streamRead(String key, byte[] buffer) throws Exception {
    long n = 0;
    try (OSSObject o = client.getObject(bucket, objectKey(key)); InputStream in = o.getObjectContent()) {
      for (int r; (r = in.read(buffer)) >= 0; ) {
        n += r;
      }
    }
    return n;
  }

  @Override
  public int list(String dir) {
    return list(objectKey(dir) + "/", "/", null);
  }

  @Override
  public int walk(String dir) {
    return list(objectKey(dir) + "/", null, null);
  }

  private int list(String prefix, String delimiter, List<String> keysOut) {
    int n = 0;
    String token = null;
    do {
      ListObjectsV2Request r = new ListObjectsV2Request(bucket).withPrefix(prefix).withMaxKeys(1000);
      if (delimiter != null) {
        r.setDelimiter(delimiter);
      }
      if (token != null) {
        r.setContinuationToken(token);
      }
      ListObjectsV2Result page = client.listObjectsV2(r);
      n += page.getObjectSummaries().size() + page.getCommonPrefixes().size();
      if (keysOut != null) {
        for (OSSObjectSummary s : page.getObjectSummaries()) {
          keysOut.add(s.getKey());
        }
      }
      token = page.isTruncated() ? page.getNextContinuationToken() : null;
    } while (token != null);
    return n;
  }

  @Override
  public void deleteTree(String dir) {
    List<String> keys = new ArrayList<>();
    list(objectKey(dir) + "/", null, keys);
    for (int i = 0; i < keys.size(); i += 1000) {
      client.deleteObjects(new DeleteObjectsRequest(bucket)
          .withKeys(keys.subList(i, Math.min(keys.size(), i + 1000))).withQuiet(true));
    }
  }

  @Override
  public void close() {
    uploads.shutdownNow();
    client.shutdown();
  }
}
