package dev.storagedriver.oss;

import com.aliyun.oss.HttpMethod;
import com.aliyun.oss.OSS;
import com.aliyun.oss.model.GeneratePresignedUrlRequest;
import com.aliyun.oss.model.GenericRequest;
import com.aliyun.oss.model.ListObjectsV2Request;
import com.aliyun.oss.model.ListObjectsV2Result;
import com.aliyun.oss.model.OSSObjectSummary;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.PutObjectRequest;
import com.aliyun.oss.model.WebServiceRequest;
import dev.storagedriver.Capability;
import dev.storagedriver.DriverException;
import dev.storagedriver.ErrorCode;
import dev.storagedriver.FileInfo;
import dev.storagedriver.FileWriter;
import dev.storagedriver.InvalidPathException;
import dev.storagedriver.PendingWrite;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OSS backend: keys are {@code rootdirectory} (without leading slash) + the path without its leading slash
 * (see {@link OssKeys}); a directory exists while some key lies below {@code key + "/"}. The reader, writer,
 * walk, delete, move and the pending uploads live in their own classes; this one holds the shared state and the
 * small operations.
 */
final class OssBackend implements StorageBackend {
  static final int PAGE = 1000;
  private static final Logger log = LoggerFactory.getLogger(OssBackend.class);

  final OSS client;
  final OssConfig config;
  final String bucket;
  final OssKeys keys;
  /** Runs part uploads and part copies; every user bounds its own in-flight tasks. */
  final ExecutorService executor;
  /** Runs {@code uploadpurging}, when enabled. */
  private final ScheduledExecutorService purger;

  OssBackend(OSS client, OssConfig config) {
    this.client = client;
    this.config = config;
    this.bucket = config.bucket;
    this.keys = new OssKeys(config.rootPrefix);
    AtomicInteger n = new AtomicInteger();
    ThreadFactory threads = r -> {
      Thread t = new Thread(r, "oss-driver-io-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    this.executor = Executors.newCachedThreadPool(threads);
    if (config.purging.enabled()) {
      purger = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "oss-driver-upload-purging");
        t.setDaemon(true);
        return t;
      });
      // As Distribution does: a random first delay, so processes started together do not purge together.
      long interval = config.purging.interval().toMillis();
      long first = ThreadLocalRandom.current().nextLong(Math.max(1, Math.min(interval, 3_600_000L)));
      purger.scheduleWithFixedDelay(this::purgeAbandoned, first, interval, TimeUnit.MILLISECONDS);
    } else {
      purger = null;
    }
  }

  /** One round of {@code uploadpurging}: uploads older than {@code age}, or only a log of them on a dry run. */
  private void purgeAbandoned() {
    Instant cutoff = Instant.now().minus(config.purging.age());
    try {
      Uploads uploads = new Uploads(this);
      List<PendingWrite> found = config.purging.dryRun()
          ? uploads.pending(StoragePaths.ROOT).stream().filter(w -> w.lastModified().isBefore(cutoff)).toList()
          : uploads.purge(StoragePaths.ROOT, cutoff);
      if (!found.isEmpty()) {
        log.info("upload purging{}: {} uncommitted writes older than {} in bucket {} under /{}: {}",
            config.purging.dryRun() ? " (dry run, nothing removed)" : "", found.size(), config.purging.age(),
            bucket, config.rootPrefix, found.stream().map(w -> StoragePaths.printable(w.path())).toList());
      }
    } catch (IOException | RuntimeException e) {
      log.warn("upload purging in bucket {} failed: {}", bucket, e.getMessage());
    }
  }

  /**
   * {@code request} with the SDK's own failure logging set as configured: off unless {@code sdklogging}, since
   * the SDK logs the server's raw answer, which for SignatureDoesNotMatch echoes the string to sign.
   */
  <T extends WebServiceRequest> T quiet(T request) {
    request.setLogEnabled(config.sdkLogging);
    return request;
  }

  @Override
  public String name() {
    return OssErrors.DRIVER;
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.of(Capability.REDIRECT_URL, Capability.RESUMABLE_APPEND, Capability.NATIVE_WALK,
        Capability.PENDING_WRITES);
  }

  /** The object key of a (non-root) path; INVALID_PATH if OSS cannot hold it. */
  String key(String path) throws InvalidPathException {
    return keys.key(path);
  }

  /** The prefix below which the children of directory {@code path} lie. */
  String dirPrefix(String path) throws InvalidPathException {
    return keys.dirPrefix(path);
  }

  /**
   * One page of a listing, asked with {@code encoding-type=url} (so every key survives the XML, control
   * characters included) and decoded here: the SDK leaves decoding to its caller.
   */
  ListObjectsV2Result listPage(ListObjectsV2Request request, String operation, String path) throws IOException {
    request.setEncodingType("url");
    quiet(request);
    ListObjectsV2Result page = Retry.idempotent(config.maxRetries, operation, path,
        () -> client.listObjectsV2(request));
    for (OSSObjectSummary s : page.getObjectSummaries()) {
      s.setKey(OssKeys.decode(s.getKey()));
    }
    page.getCommonPrefixes().replaceAll(OssKeys::decode);
    page.setNextContinuationToken(OssKeys.decode(page.getNextContinuationToken()));
    return page;
  }

  /** The error for keys below {@code path} that name no valid path: shown nowhere, so removed by nothing. */
  DriverException foreignKeys(String operation, String path, List<String> found) {
    return new DriverException(OssErrors.DRIVER, path, ErrorCode.CONFLICT, operation + " " + path + ": "
        + found.size() + " key(s) below it name no valid path, e.g. \"" + StoragePaths.printable(found.get(0))
        + "\" (written by another tool); the driver cannot show them, so it will not list, walk or delete them"
        + " as if they were absent: rename or remove them with another tool", null);
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
      client.putObject(quiet(new PutObjectRequest(bucket, key, new ByteArrayInputStream(content, 0, length),
          meta)));
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
        // A 404 is an answer here (a directory, or nothing): never logged, whatever sdklogging says.
        GenericRequest request = new GenericRequest(bucket, key);
        request.setLogEnabled(false);
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
    // A directory marker "path/" (written by a console) counts as a key below it.
    ListObjectsV2Request request = new ListObjectsV2Request(bucket, dirPrefix(path));
    request.setMaxKeys(1);
    ListObjectsV2Result result = listPage(request, "stat", path);
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
    List<String> foreign = new ArrayList<>();
    String token = null;
    boolean anyKey = false;
    do {
      ListObjectsV2Request request = new ListObjectsV2Request(bucket, prefix);
      request.setDelimiter("/");
      request.setMaxKeys(PAGE);
      request.setContinuationToken(token);
      ListObjectsV2Result page = listPage(request, "list", path);
      for (OSSObjectSummary s : page.getObjectSummaries()) {
        anyKey = true;
        if (s.getKey().length() > prefix.length()) { // else "dir/" itself: the directory's own marker
          child(path, s.getKey(), s.getKey().substring(prefix.length()), children, foreign);
        }
      }
      for (String p : page.getCommonPrefixes()) {
        anyKey = true;
        child(path, p, p.substring(prefix.length(), p.length() - 1), children, foreign);
      }
      token = page.isTruncated() ? page.getNextContinuationToken() : null;
    } while (token != null);
    if (!foreign.isEmpty()) {
      throw foreignKeys("list", path, foreign);
    }
    if (!anyKey && !StoragePaths.ROOT.equals(path)) {
      throw new NoSuchFileException(path);
    }
    return new ArrayList<>(children);
  }

  /** Sorts one entry {@code key} of a delimiter listing of {@code dir}, named {@code segment} there. */
  private static void child(String dir, String key, String segment, Set<String> children, List<String> foreign) {
    if (StoragePaths.ROOT.equals(dir) && segment.equals(OssKeys.HIDDEN)) {
      return; // the driver's own objects
    }
    if (StoragePaths.segmentViolation(segment).isEmpty()) {
      children.add(StoragePaths.child(dir, segment));
    } else {
      foreign.add(key);
    }
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
  public List<PendingWrite> pendingWrites(String directory) throws IOException {
    return new Uploads(this).pending(directory);
  }

  @Override
  public List<PendingWrite> purgePendingWrites(String directory, Instant olderThan) throws IOException {
    return new Uploads(this).purge(directory, olderThan);
  }

  @Override
  public void close() {
    if (purger != null) {
      purger.shutdownNow();
    }
    executor.shutdownNow();
    client.shutdown();
  }

  @Override
  public String toString() {
    return "OssBackend" + config;
  }
}
