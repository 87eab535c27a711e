package dev.storagedriver.oss;

import com.aliyun.oss.HttpMethod;
import com.aliyun.oss.OSS;
import com.aliyun.oss.model.GeneratePresignedUrlRequest;
import com.aliyun.oss.model.ListObjectsV2Request;
import com.aliyun.oss.model.ListObjectsV2Result;
import com.aliyun.oss.model.OSSObjectSummary;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.PutObjectRequest;
import dev.storagedriver.Capability;
import dev.storagedriver.FileInfo;
import dev.storagedriver.FileWriter;
import dev.storagedriver.RedirectMethod;
import dev.storagedriver.StoragePaths;
import dev.storagedriver.WalkOptions;
import dev.storagedriver.WalkVisitor;
import dev.storagedriver.spi.StorageBackend;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The OSS backend: keys are {@code rootdirectory} (without leading slash) + the path without its leading slash;
 * a directory exists while some key lies below {@code key + "/"}. The reader, writer, walk, delete and move
 * live in their own classes; this one holds the shared state and the small operations.
 */
final class OssBackend implements StorageBackend {
  /** Where uncommitted writers keep their small tail (see {@link OssWriter}); '~' is never in a valid path. */
  static final String STATE_DIR = "~uploads/";
  static final int PAGE = 1000;

  final OSS client;
  final OssConfig config;
  final String bucket;
  /** Runs part uploads and part copies; every user bounds its own in-flight tasks. */
  final ExecutorService executor;
  /** Upload ids of writers open in this process: never aborted as stale by another writer of the same key. */
  final Set<String> liveUploads = ConcurrentHashMap.newKeySet();

  OssBackend(OSS client, OssConfig config) {
    this.client = client;
    this.config = config;
    this.bucket = config.bucket;
    AtomicInteger n = new AtomicInteger();
    ThreadFactory threads = r -> {
      Thread t = new Thread(r, "oss-driver-io-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    this.executor = Executors.newCachedThreadPool(threads);
  }

  @Override
  public String name() {
    return OssErrors.DRIVER;
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.of(Capability.REDIRECT_URL, Capability.RESUMABLE_APPEND, Capability.NATIVE_WALK);
  }

  // ---- keys

  /** The object key of a (non-root) path. */
  String key(String path) {
    return config.rootPrefix + path.substring(1);
  }

  /** The prefix below which the children of directory {@code path} lie. */
  String dirPrefix(String path) {
    return StoragePaths.ROOT.equals(path) ? config.rootPrefix : key(path) + "/";
  }

  /** The path of a key below the root prefix, or null if it is not a valid path (a foreign or hidden key). */
  String pathOf(String key) {
    if (!key.startsWith(config.rootPrefix)) {
      return null;
    }
    String path = "/" + key.substring(config.rootPrefix.length());
    return StoragePaths.isValid(path) ? path : null;
  }

  /** The hidden object holding the unflushed tail of upload {@code uploadId} to {@code key}. */
  String stateKey(String key, String uploadId) {
    return config.rootPrefix + STATE_DIR + key.substring(config.rootPrefix.length()) + "/" + uploadId;
  }

  /** Metadata for every object the driver creates: encryption, storage class, ACL. */
  ObjectMetadata newMetadata() {
    ObjectMetadata m = new ObjectMetadata();
    config.serverSideEncryption().ifPresent(sse -> m.setHeader("x-oss-server-side-encryption", sse));
    config.encryptionKeyId.ifPresent(id -> m.setHeader("x-oss-server-side-encryption-key-id", id));
    config.storageClass.ifPresent(sc -> m.setHeader("x-oss-storage-class", sc));
    config.objectAcl.ifPresent(acl -> m.setHeader("x-oss-object-acl", acl));
    return m;
  }

  // ---- operations

  @Override
  public byte[] getContent(String path) throws IOException {
    try (InputStream in = reader(path, 0)) {
      return in.readAllBytes();
    }
  }

  @Override
  public void putContent(String path, byte[] content) throws IOException {
    putBytes(key(path), path, content, content.length);
  }

  /**
   * PutObject with Content-MD5, so the server refuses a body damaged in transit (the old content stays); the
   * SDK also compares CRC-64s. Idempotent, so a checksum failure is tried again.
   */
  void putBytes(String key, String path, byte[] content, int length) throws IOException {
    String md5 = md5(content, 0, length);
    Retry.idempotent(config.maxRetries, "putContent", path, () -> {
      ObjectMetadata meta = newMetadata();
      meta.setContentLength(length);
      meta.setContentMD5(md5);
      client.putObject(new PutObjectRequest(bucket, key, new ByteArrayInputStream(content, 0, length), meta));
      return null;
    });
  }

  static String md5(byte[] b, int off, int len) {
    try {
      MessageDigest d = MessageDigest.getInstance("MD5");
      d.update(b, off, len);
      return Base64.getEncoder().encodeToString(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public InputStream reader(String path, long offset) throws IOException {
    return OssReader.open(this, path, offset);
  }

  @Override
  public FileWriter writer(String path, boolean append) throws IOException {
    return OssWriter.open(this, path, append);
  }

  /** Metadata of the object at {@code key}, or empty if there is none. */
  Optional<ObjectMetadata> head(String key, String path) throws IOException {
    try {
      return Optional.of(Retry.idempotent(config.maxRetries, "stat", path, () -> {
        com.aliyun.oss.model.GenericRequest request = new com.aliyun.oss.model.GenericRequest(bucket, key);
        request.setLogEnabled(false); // a 404 is an answer here (a directory, or nothing)
        return client.getObjectMetadata(request);
      }));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public FileInfo stat(String path) throws IOException {
    if (StoragePaths.ROOT.equals(path)) {
      return FileInfo.directory(path, Instant.EPOCH);
    }
    Optional<ObjectMetadata> meta = head(key(path), path);
    if (meta.isPresent()) {
      return FileInfo.file(path, meta.get().getContentLength(), modTime(meta.get().getLastModified()));
    }
    // Not a file: a directory if some key lies below path + "/" (never merely a key sharing the prefix).
    ListObjectsV2Request request = new ListObjectsV2Request(bucket, dirPrefix(path));
    request.setMaxKeys(1);
    ListObjectsV2Result result = Retry.idempotent(config.maxRetries, "stat", path,
        () -> client.listObjectsV2(request));
    if (result.getObjectSummaries().isEmpty()) {
      throw new NoSuchFileException(path);
    }
    return FileInfo.directory(path, modTime(result.getObjectSummaries().get(0).getLastModified()));
  }

  static Instant modTime(Date date) {
    return date == null ? Instant.EPOCH : date.toInstant();
  }

  @Override
  public List<String> list(String path) throws IOException {
    String prefix = dirPrefix(path);
    Set<String> children = new LinkedHashSet<>(); // a key can be a file and a prefix at once
    String token = null;
    boolean anyKey = false;
    do {
      ListObjectsV2Request request = new ListObjectsV2Request(bucket, prefix);
      request.setDelimiter("/");
      request.setMaxKeys(PAGE);
      request.setContinuationToken(token);
      ListObjectsV2Result page = Retry.idempotent(config.maxRetries, "list", path,
          () -> client.listObjectsV2(request));
      for (OSSObjectSummary s : page.getObjectSummaries()) {
        anyKey = true;
        String child = pathOf(s.getKey());
        if (child != null) {
          children.add(child);
        }
      }
      for (String p : page.getCommonPrefixes()) {
        anyKey = true;
        String child = pathOf(p.substring(0, p.length() - 1));
        if (child != null) {
          children.add(child);
        }
      }
      token = page.isTruncated() ? page.getNextContinuationToken() : null;
    } while (token != null);
    if (!anyKey && !StoragePaths.ROOT.equals(path)) {
      throw new NoSuchFileException(path);
    }
    return new ArrayList<>(children);
  }

  @Override
  public void move(String source, String destination) throws IOException {
    new OssCopier(this).move(source, destination);
  }

  @Override
  public void delete(String path) throws IOException {
    new OssDeleter(this).delete(path);
  }

  @Override
  public Optional<URI> redirectUrl(String path, RedirectMethod method) throws IOException {
    GeneratePresignedUrlRequest request = new GeneratePresignedUrlRequest(bucket, key(path),
        method == RedirectMethod.HEAD ? HttpMethod.HEAD : HttpMethod.GET);
    request.setExpiration(Date.from(Instant.now().plus(config.redirectExpiry)));
    try {
      URL url = client.generatePresignedUrl(request);
      return Optional.of(url.toURI());
    } catch (RuntimeException e) {
      throw OssErrors.translate("redirectUrl", path, e);
    } catch (URISyntaxException e) {
      // The URL carries a signature: never put it in a message.
      throw new IOException("redirectUrl " + path + ": the SDK made a URL that is not a valid URI");
    }
  }

  @Override
  public void walk(String path, WalkVisitor visitor, WalkOptions options) throws IOException {
    new OssWalker(this, path, visitor, options).run();
  }

  @Override
  public void close() {
    executor.shutdownNow();
    client.shutdown();
  }

  @Override
  public String toString() {
    return "OssBackend" + config;
  }
}
