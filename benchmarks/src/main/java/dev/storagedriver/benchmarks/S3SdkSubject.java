package dev.storagedriver.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.LegacyMd5Plugin;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * The S3 baseline: raw AWS SDK for Java v2 calls with the client settings the driver uses (Apache HttpClient 5,
 * checksums when required, path-style). Large writes are a multipart upload with the driver's part size and
 * parallelism: parts are filled from the stream and uploaded by {@code concurrency} threads, at most that many in
 * flight.
 */
final class S3SdkSubject implements Subject {
  private final S3Client client;
  private final String bucket;
  private final int partSize;
  private final int concurrency;
  private final ExecutorService uploads;

  S3SdkSubject(URI endpoint, String accessKey, String secretKey, String bucket, int partSize, int concurrency) {
    this.client = S3Client.builder()
        .httpClient(Apache5HttpClient.builder().maxConnections(128).build())
        .region(Region.US_EAST_1)
        .endpointOverride(endpoint)
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .addPlugin(LegacyMd5Plugin.create())
        .build();
    this.bucket = bucket;
    this.partSize = partSize;
    this.concurrency = concurrency;
    this.uploads = Executors.newFixedThreadPool(concurrency, r -> {
      Thread t = new Thread(r, "sdk-baseline-upload");
      t.setDaemon(true);
      return t;
    });
  }

  private static String objectKey(String key) {
    return key.substring(1);
  }

  private static RequestBody body(byte[] data, int length) {
    return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(data, 0, length), length,
        "application/octet-stream");
  }

  @Override
  public void put(String key, byte[] data) {
    client.putObject(b -> b.bucket(bucket).key(objectKey(key)).contentLength((long) data.length),
        body(data, data.length));
  }

  @Override
  public byte[] get(String key) throws Exception {
    try (InputStream in = client.getObject(b -> b.bucket(bucket).key(objectKey(key)))) {
      return in.readAllBytes();
    }
  }

  @Override
  public long stat(String key) {
    return client.headObject(b -> b.bucket(bucket).key(objectKey(key))).contentLength();
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
    String uploadId = client.createMultipartUpload(b -> b.bucket(bucket).key(k)).uploadId();
    List<Future<CompletedPart>> inFlight = new ArrayList<>();
    List<CompletedPart> done = new ArrayList<>();
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
        final byte[] data = part;
        final int size = filled;
        final int n = ++number;
        inFlight.add(uploads.submit(() -> {
          String etag = client.uploadPart(b -> b.bucket(bucket).key(k).uploadId(uploadId).partNumber(n)
              .contentLength((long) size), body(data, size)).eTag();
          return CompletedPart.builder().partNumber(n).eTag(etag).build();
        }));
        part = new byte[partSize]; // the in-flight part keeps its buffer
        filled = 0;
      }
    }
    for (Future<CompletedPart> f : inFlight) {
      done.add(f.get());
    }
    client.completeMultipartUpload(b -> b.bucket(bucket).key(k).uploadId(uploadId)
        .multipartUpload(u -> u.parts(done)));
  }

  @Override
  public long streamRead(String key, byte[] buffer) throws Exception {
    long n = 0;
    try (InputStream in = client.getObject(b -> b.bucket(bucket).key(objectKey(key)))) {
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
      String t = token;
      ListObjectsV2Response page = client.listObjectsV2(b -> {
        b.bucket(bucket).prefix(prefix).maxKeys(1000);
        if (delimiter != null) {
          b.delimiter(delimiter);
        }
        if (t != null) {
          b.continuationToken(t);
        }
      });
      n += page.contents().size() + page.commonPrefixes().size();
      if (keysOut != null) {
        page.contents().forEach(o -> keysOut.add(o.key()));
      }
      token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
    } while (token != null);
    return n;
  }

  @Override
  public void deleteTree(String dir) {
    List<String> keys = new ArrayList<>();
    list(objectKey(dir) + "/", null, keys);
    for (int i = 0; i < keys.size(); i += 1000) {
      List<ObjectIdentifier> ids = keys.subList(i, Math.min(keys.size(), i + 1000)).stream()
          .map(k -> ObjectIdentifier.builder().key(k).build()).toList();
      client.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(ids).quiet(true)));
    }
  }

  @Override
  public void close() {
    uploads.shutdownNow();
    client.close();
  }
}
