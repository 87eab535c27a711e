package dev.storagedriver.oss.emulator;

import dev.storagedriver.oss.emulator.Model.Bucket;
import dev.storagedriver.oss.emulator.Model.StoredObject;
import dev.storagedriver.oss.emulator.Model.Upload;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A local Alibaba Cloud OSS-compatible HTTP server for tests, examples and offline development.
 *
 * <pre>{@code
 * try (OssEmulator oss = OssEmulator.builder().bucket("test").build().start()) {
 *   OSS client = new OSSClientBuilder().build(oss.endpoint(), oss.accessKeyId(), oss.accessKeySecret());
 *   ...
 *   assertThat(oss.requestCount("PutObject")).isEqualTo(1);
 *   assertThat(oss.inProgressUploads()).isEmpty();
 * }
 * }</pre>
 *
 * <p>It verifies OSS signatures V1 and V4 (headers and presigned URLs), serves path-style and virtual-hosted-style
 * requests, keeps objects in memory or in a directory, and injects faults through {@link #faults()}. Operation
 * names (for {@link #requestCount} and {@link Faults}) are OSS's: PutObject, GetObject, HeadObject, GetObjectMeta,
 * DeleteObject, DeleteMultipleObjects, CopyObject, AppendObject, ListObjects, ListObjectsV2, InitiateMultipartUpload,
 * UploadPart, UploadPartCopy, CompleteMultipartUpload, AbortMultipartUpload, ListMultipartUploads, ListParts,
 * ListBuckets, PutBucket, DeleteBucket, HeadBucket, GetBucketAcl, GetBucketLocation, GetBucketInfo, and Unsupported
 * for requests refused as not implemented (501 NotImplemented, before anything is read or written).
 *
 * <p>Thread-safe. Not reusable: once closed, build a new one.
 */
public final class OssEmulator implements AutoCloseable {
  /** The key id used when the builder is given no credentials. */
  public static final String DEFAULT_ACCESS_KEY_ID = "emulator-access-key-id";
  /** The secret used when the builder is given no credentials. */
  public static final String DEFAULT_ACCESS_KEY_SECRET = "emulator-access-key-secret";

  /** A multipart upload that was initiated and neither completed nor aborted. */
  public record MultipartUpload(String bucket, String key, String uploadId, Instant initiated, int partCount) {}

  private final Builder config;
  private final Faults faults = new Faults();
  private final Store store;
  private final ServerContext context;
  private EventLoopGroup bossGroup;
  private EventLoopGroup workerGroup;
  private Channel channel;

  private OssEmulator(Builder b) {
    this.config = b;
    try {
      if (b.dataDir == null) {
        this.store = new Store(new MemoryBlobStore(), Catalog.NONE);
      } else {
        DirectoryCatalog catalog = new DirectoryCatalog(b.dataDir);
        this.store = new Store(new DirectoryBlobStore(b.dataDir), catalog);
        catalog.load(store);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot use data directory " + b.dataDir, e);
    }
    store.maxCopySize = b.maxCopySize;
    store.listPageLimit = b.listPageLimit;
    for (String name : b.buckets) {
      store.createBucket(name, System.currentTimeMillis());
    }
    Map<String, Authenticator.Credential> creds = new HashMap<>(b.credentials);
    if (creds.isEmpty()) {
      creds.put(DEFAULT_ACCESS_KEY_ID,
          new Authenticator.Credential(DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCESS_KEY_SECRET, null));
    }
    Set<String> domains = new LinkedHashSet<>(b.virtualHostDomains);
    domains.add("localhost");
    this.context = new ServerContext(store, new Router(store, b.region),
        new Authenticator(creds, b.anonymous, b.region),
        faults, domains);
  }

  /**
   * A builder with the defaults: 127.0.0.1, ephemeral port, in-memory storage, region cn-hangzhou.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Binds and starts serving; returns this for chaining.
   *
   * @return this emulator, serving
   */
  public synchronized OssEmulator start() {
    if (channel != null) {
      throw new IllegalStateException("already started");
    }
    bossGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    workerGroup = new MultiThreadIoEventLoopGroup(
        Math.max(4, 2 * Runtime.getRuntime().availableProcessors()), NioIoHandler.newFactory());
    AdminEndpoint admin = new AdminEndpoint(this);
    ServerBootstrap sb = new ServerBootstrap().group(bossGroup, workerGroup)
        .channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 1024)
        .childOption(ChannelOption.TCP_NODELAY, true)
        // large reads: a 10 MiB body then arrives in tens of chunks instead of hundreds
        .childOption(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(512, 64 * 1024, 1 << 20))
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new HttpServerCodec(new HttpDecoderConfig()
                .setMaxInitialLineLength(16 * 1024).setMaxHeaderSize(64 * 1024).setMaxChunkSize(1 << 20)));
            ch.pipeline().addLast(new OssHandler(context, admin));
          }
        });
    try {
      channel = sb.bind(config.host, config.port).sync().channel();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IllegalStateException("interrupted while binding", e);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    return this;
  }

  /**
   * The bound port (the actual one when the builder asked for 0).
   *
   * @return the port clients connect to
   * @throws IllegalStateException if the emulator has not been started
   */
  public int port() {
    if (channel == null) {
      throw new IllegalStateException("not started");
    }
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  /**
   * {@code http://HOST:PORT}, to pass to the SDK as endpoint (path-style for an IP literal).
   *
   * @return the endpoint URL
   * @throws IllegalStateException if the emulator has not been started
   */
  public String endpoint() {
    return "http://" + config.host + ":" + port();
  }

  /**
   * The first configured access key id (or {@link #DEFAULT_ACCESS_KEY_ID}).
   *
   * @return an access key id the emulator accepts
   */
  public String accessKeyId() {
    return config.credentials.isEmpty() ? DEFAULT_ACCESS_KEY_ID : config.credentials.values().iterator().next()
        .accessKeyId();
  }

  /**
   * The secret of {@link #accessKeyId()}.
   *
   * @return the secret that signs requests with that key id
   */
  public String accessKeySecret() {
    return config.credentials.isEmpty() ? DEFAULT_ACCESS_KEY_SECRET : config.credentials.values().iterator().next()
        .secret();
  }

  /**
   * The region buckets report and V4 credential scopes must name (others are refused as OSS refuses them).
   *
   * @return the region, as the builder set it
   */
  public String region() {
    return config.region;
  }

  /**
   * The fault-injection rules of this emulator.
   *
   * @return the live rules; rules added take effect for the next request
   */
  public Faults faults() {
    return faults;
  }

  /**
   * How many requests named {@code operation} (e.g. "ListObjects") arrived, whatever their outcome.
   *
   * @param operation the OSS API operation name
   * @return the count since the start or the last {@link #resetRequestCounts()}
   */
  public long requestCount(String operation) {
    LongAdder n = context.counts.get(operation);
    return n == null ? 0 : n.sum();
  }

  /**
   * A snapshot of all request counts by operation name.
   *
   * @return the counts, in the order operations first arrived; a copy
   */
  public Map<String, Long> requestCounts() {
    Map<String, Long> m = new LinkedHashMap<>();
    context.counts.forEach((k, v) -> m.put(k, v.sum()));
    return m;
  }

  /** Sets every request count back to zero. */
  public void resetRequestCounts() {
    context.counts.clear();
  }

  /**
   * Multipart uploads initiated and not yet completed or aborted, in all buckets, by bucket, key and id.
   *
   * @return the uploads in progress, sorted; a copy
   */
  public List<MultipartUpload> inProgressUploads() {
    List<MultipartUpload> out = new ArrayList<>();
    for (Bucket b : store.buckets.values()) {
      for (Upload u : b.uploads.values()) {
        out.add(new MultipartUpload(b.name, u.key, u.uploadId, Instant.ofEpochMilli(u.initiated), u.parts.size()));
      }
    }
    out.sort(Comparator.comparing(MultipartUpload::bucket).thenComparing(MultipartUpload::key)
        .thenComparing(MultipartUpload::uploadId));
    return out;
  }

  /**
   * Creates a bucket directly (no request counted); a no-op when it exists.
   *
   * @param name the bucket's name
   */
  public void createBucket(String name) {
    store.createBucket(name, System.currentTimeMillis());
  }

  /**
   * Stores {@code content} as object {@code key} of bucket {@code bucket} directly, as a PutObject would (same ETag,
   * CRC-64 and catalog entry), without a request: for filling the emulator with test data sets quickly. No
   * request is counted and no fault applies.
   *
   * @param bucket the name of an existing bucket
   * @param key the object key
   * @param content the object's bytes; copied
   * @throws IllegalArgumentException if the bucket does not exist or the key is not a valid object name
   */
  public void putObject(String bucket, String key, byte[] content) {
    Objects.requireNonNull(content, "content");
    Bucket b;
    try {
      b = store.bucket(bucket);
      ObjectHeaders.checkKey(key);
    } catch (OssException e) {
      throw new IllegalArgumentException(e.getMessage() + ": bucket " + bucket + ", key " + key, e);
    }
    Blob blob;
    BlobWriter writer = null;
    try {
      writer = store.blobs.writer(content.length);
      writer.write(Unpooled.wrappedBuffer(content));
      blob = writer.finish();
    } catch (IOException | OssException e) {
      if (writer != null) {
        writer.abort();
      }
      throw new IllegalStateException("cannot store " + key + " in " + bucket, e);
    }
    StoredObject o = new StoredObject(key, blob, ObjectHeaders.hex(BodyExchanges.md5().digest(content)),
        Crc64.of(content), System.currentTimeMillis(), "Normal",
        new Model.Meta("application/octet-stream", Map.of(), Map.of(), "Standard"));
    synchronized (b) {
      store.replace(b, o);
    }
  }

  /** Stops serving and frees the groups; idempotent. Directory storage keeps its objects for the next start. */
  @Override
  public synchronized void close() {
    if (channel != null) {
      channel.close().syncUninterruptibly();
      channel = null;
    }
    if (workerGroup != null) {
      workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
      workerGroup = null;
    }
    if (bossGroup != null) {
      bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
      bossGroup = null;
    }
    store.blobs.close();
  }

  /** Configuration; every setting has a default, so {@code builder().build()} is a working emulator. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port;
    private final Map<String, Authenticator.Credential> credentials = new LinkedHashMap<>();
    private boolean anonymous;
    private Path dataDir;
    private String region = "cn-hangzhou";
    private final List<String> buckets = new ArrayList<>();
    private final List<String> virtualHostDomains = new ArrayList<>();
    private long maxCopySize = 1L << 30;
    private int listPageLimit = 1000;

    private Builder() {}

    /** Lowers CopyObject's 1 GB source limit so tests can reach it cheaply; not public API. */
    Builder maxCopySize(long bytes) {
      this.maxCopySize = bytes;
      return this;
    }

    /**
     * At most {@code entries} per page of ListObjects (V1 and V2), ListMultipartUploads and ListParts, whatever
     * the request's {@code max-keys}, {@code max-uploads} or {@code max-parts} ask (the answer still echoes what was
     * asked, and says {@code IsTruncated}). A server may send fewer entries than asked; this lets a client's
     * pagination be tested with a handful of objects, parts or uploads instead of thousands. Default 1,000.
     *
     * @param entries from 1 to 1,000
     * @return this builder
     * @throws IllegalArgumentException if {@code entries} is out of range
     */
    public Builder listPageLimit(int entries) {
      if (entries < 1 || entries > 1000) {
        throw new IllegalArgumentException("listPageLimit must be from 1 to 1000, not " + entries);
      }
      this.listPageLimit = entries;
      return this;
    }

    /**
     * Address to bind; default 127.0.0.1.
     *
     * @param host a host name or IP literal of this machine
     * @return this builder
     */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /**
     * Port to bind; default 0 (an ephemeral port, see {@link OssEmulator#port()}).
     *
     * @param port 0 to 65535
     * @return this builder
     * @throws IllegalArgumentException if {@code port} is out of range
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port (" + port + ") must be 0-65535");
      }
      this.port = port;
      return this;
    }

    /**
     * Adds an accepted key pair; without any, {@link #DEFAULT_ACCESS_KEY_ID} / secret are accepted.
     *
     * @param accessKeyId the key id requests name
     * @param accessKeySecret the secret they are signed with
     * @return this builder
     */
    public Builder credentials(String accessKeyId, String accessKeySecret) {
      return credentials(accessKeyId, accessKeySecret, null);
    }

    /**
     * Adds an STS key pair: requests must also carry this security token.
     *
     * @param accessKeyId the key id requests name
     * @param accessKeySecret the secret they are signed with
     * @param securityToken the token they must carry, or null for a plain key pair
     * @return this builder
     */
    public Builder credentials(String accessKeyId, String accessKeySecret, String securityToken) {
      Objects.requireNonNull(accessKeyId, "accessKeyId");
      Objects.requireNonNull(accessKeySecret, "accessKeySecret");
      credentials.put(accessKeyId, new Authenticator.Credential(accessKeyId, accessKeySecret, securityToken));
      return this;
    }

    /**
     * Whether unsigned requests are allowed; default false (they get 403 AccessDenied).
     *
     * @param allowed {@code true} to serve unsigned requests
     * @return this builder
     */
    public Builder anonymous(boolean allowed) {
      this.anonymous = allowed;
      return this;
    }

    /**
     * Stores buckets and objects in files under {@code dir} instead of the heap, so large objects need no memory;
     * they survive a restart (in-progress multipart uploads do not). Default: memory.
     *
     * @param dir the directory to keep data in, created if missing, or null for memory
     * @return this builder
     */
    public Builder dataDirectory(Path dir) {
      this.dataDir = dir;
      return this;
    }

    /**
     * Region of the buckets (reported by bucket queries, required in V4 credential scopes); default cn-hangzhou.
     *
     * @param region an OSS region id
     * @return this builder
     */
    public Builder region(String region) {
      this.region = Objects.requireNonNull(region, "region");
      return this;
    }

    /**
     * Buckets that exist from the start.
     *
     * @param names bucket names, added to those given before
     * @return this builder
     */
    public Builder bucket(String... names) {
      buckets.addAll(List.of(names));
      return this;
    }

    /**
     * Host-name suffixes for virtual-hosted-style requests: {@code Host: <bucket>.<domain>} addresses the bucket.
     * {@code localhost} is always one.
     *
     * @param domain a domain suffix, matched without regard to case
     * @return this builder
     */
    public Builder virtualHostDomain(String domain) {
      virtualHostDomains.add(domain.toLowerCase(java.util.Locale.ROOT));
      return this;
    }

    /**
     * An emulator with these settings, not yet started.
     *
     * @return the emulator; call {@link OssEmulator#start()}
     */
    public OssEmulator build() {
      return new OssEmulator(this);
    }
  }
}
