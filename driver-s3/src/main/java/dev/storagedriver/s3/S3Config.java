package dev.storagedriver.s3;

import dev.storagedriver.InvalidConfigException;
import dev.storagedriver.objectstore.ObjectStoreSettings;
import dev.storagedriver.spi.DriverConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The driver's parameters, parsed and checked once. Immutable. {@link #toString()} never shows a secret: the
 * secret key and the session token are reported only as present or absent.
 */
final class S3Config {
  /** S3: every part but the last is at least 5 MiB, and at most 5 GiB. */
  static final long MIN_PART_SIZE = 5L << 20;
  static final long MAX_PART_SIZE = 5L << 30;
  /** S3: one CopyObject copies at most 5 GiB. */
  static final long MAX_COPY_OBJECT_SIZE = 5L << 30;
  /** S3 refuses presigned URLs valid for longer. */
  static final Duration MAX_REDIRECT_EXPIRY = Duration.ofDays(7);

  static final Set<String> STORAGE_CLASSES = Set.of("STANDARD", "REDUCED_REDUNDANCY", "STANDARD_IA", "ONEZONE_IA",
      "INTELLIGENT_TIERING", "GLACIER_IR", "OUTPOSTS", "EXPRESS_ONEZONE", "NONE");
  static final Set<String> ACLS = Set.of("none", "private", "public-read", "public-read-write", "authenticated-read",
      "aws-exec-read", "bucket-owner-read", "bucket-owner-full-control");

  enum ChecksumMode { WHEN_REQUIRED, WHEN_SUPPORTED }

  final String region;
  final Optional<URI> regionEndpoint;
  final String bucket;
  final boolean forcePathStyle;
  final Optional<String> accessKey;
  final Optional<String> secretKey;
  final Optional<String> sessionToken;
  final boolean encrypt;
  final Optional<String> keyId;
  final boolean secure;
  final boolean skipVerify;
  final long chunkSize;
  final long multipartCopyChunkSize;
  final int multipartCopyMaxConcurrency;
  final long multipartCopyThresholdSize;
  final String rootDirectory;
  /** Empty for NONE: send no storage class. */
  final Optional<String> storageClass;
  /** Empty for none: send no ACL. */
  final Optional<String> objectAcl;
  final boolean useDualStack;
  final boolean accelerate;
  final ChecksumMode checksum;
  final Duration redirectExpiry;
  final int uploadConcurrency;
  final int maxConnections;
  final Duration connectTimeout;
  final Duration socketTimeout;
  final int maxRetries;

  private S3Config(DriverConfig c) throws InvalidConfigException {
    bucket = c.getString("bucket").trim();
    if (bucket.length() < 3 || bucket.length() > 63 || !bucket.matches("[A-Za-z0-9._-]+")) {
      throw c.invalid("bucket", "a bucket name: 3 to 63 letters, digits, '.', '_' or '-'", null);
    }
    secure = c.getBoolean("secure", true);
    Optional<String> endpoint = c.getOptionalString("regionendpoint").map(String::trim).filter(s -> !s.isEmpty());
    if (endpoint.isPresent()) {
      String e = endpoint.get().contains("://") ? endpoint.get() : (secure ? "https://" : "http://") + endpoint.get();
      URI uri;
      try {
        uri = URI.create(e);
      } catch (IllegalArgumentException ex) {
        throw c.invalid("regionendpoint", "a URL such as http://127.0.0.1:9000 or a host name", ex);
      }
      if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        throw c.invalid("regionendpoint", "a URL such as http://127.0.0.1:9000 or a host name", null);
      }
      regionEndpoint = Optional.of(uri);
    } else {
      regionEndpoint = Optional.empty();
    }
    Optional<String> givenRegion = c.getOptionalString("region").map(String::trim).filter(s -> !s.isEmpty());
    if (givenRegion.isEmpty() && regionEndpoint.isEmpty()) {
      throw c.missing("region", "an AWS region such as us-east-1 (with regionendpoint, any region the store"
          + " accepts; us-east-1 is assumed)");
    }
    region = givenRegion.orElse("us-east-1");
    if (!region.matches("[a-z0-9-]+")) {
      throw c.invalid("region", "a region name such as us-east-1 (lower-case letters, digits and '-')", null);
    }
    forcePathStyle = c.getBoolean("forcepathstyle", false);
    accessKey = c.getOptionalString("accesskey").filter(s -> !s.isEmpty());
    secretKey = c.getOptionalSecret("secretkey").filter(s -> !s.isEmpty());
    sessionToken = c.getOptionalSecret("sessiontoken").filter(s -> !s.isEmpty());
    if (accessKey.isPresent() != secretKey.isPresent()) {
      String missing = accessKey.isPresent() ? "secretkey" : "accesskey";
      throw c.missing(missing, "a string: accesskey and secretkey go together (or leave both out to use the"
          + " SDK's default credentials: environment, profile, web identity, container, instance)");
    }
    if (sessionToken.isPresent() && accessKey.isEmpty()) {
      throw c.missing("accesskey", "a string: sessiontoken needs accesskey and secretkey");
    }
    encrypt = c.getBoolean("encrypt", false);
    keyId = c.getOptionalString("keyid").filter(s -> !s.isEmpty());
    if (keyId.isPresent() && !encrypt) {
      throw c.invalid("keyid", "a KMS key only together with encrypt = true", null);
    }
    skipVerify = c.getBoolean("skipverify", false);
    chunkSize = c.getBytes("chunksize", 10L << 20, MIN_PART_SIZE, MAX_PART_SIZE);
    if (chunkSize > Integer.MAX_VALUE - 8) {
      throw c.invalid("chunksize", "a size from 5 MiB to 2 GiB (chunks are held in memory)", null);
    }
    multipartCopyChunkSize = c.getBytes("multipartcopychunksize", 32L << 20, MIN_PART_SIZE, MAX_PART_SIZE);
    multipartCopyMaxConcurrency = c.getInt("multipartcopymaxconcurrency", 100, 1, 10_000);
    multipartCopyThresholdSize = c.getBytes("multipartcopythresholdsize", 32L << 20, 0, MAX_COPY_OBJECT_SIZE);
    String root = c.getOptionalString("rootdirectory").orElse("").trim();
    if (root.contains("//") || root.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
      throw c.invalid("rootdirectory", "a key prefix without empty segments or control characters,"
          + " e.g. /registry", null);
    }
    rootDirectory = root;
    String sc = c.getOptionalString("storageclass").orElse("STANDARD").trim().toUpperCase(Locale.ROOT);
    if (!STORAGE_CLASSES.contains(sc)) {
      throw c.invalid("storageclass", "one of " + String.join(", ", sorted(STORAGE_CLASSES)), null);
    }
    storageClass = "NONE".equals(sc) ? Optional.empty() : Optional.of(sc);
    String acl = c.getOptionalString("objectacl").orElse("none").trim().toLowerCase(Locale.ROOT);
    if (!ACLS.contains(acl)) {
      throw c.invalid("objectacl", "one of " + String.join(", ", sorted(ACLS)), null);
    }
    objectAcl = "none".equals(acl) ? Optional.empty() : Optional.of(acl);
    useDualStack = c.getBoolean("usedualstack", false);
    accelerate = c.getBoolean("accelerate", false);
    if (accelerate && regionEndpoint.isPresent()) {
      throw c.invalid("accelerate", "false when regionendpoint is set (transfer acceleration is an AWS endpoint)",
          null);
    }
    checksum = c.getEnum("checksum", ChecksumMode.class, ChecksumMode.WHEN_REQUIRED);
    redirectExpiry = c.getDuration("redirectexpiry", Duration.ofMinutes(20), Duration.ofSeconds(1));
    if (redirectExpiry.compareTo(MAX_REDIRECT_EXPIRY) > 0) {
      throw c.invalid("redirectexpiry", "a duration from 1s to 7d (S3's limit for presigned URLs)", null);
    }
    uploadConcurrency = c.getInt("uploadconcurrency", 4, 1, 256);
    maxConnections = c.getInt("maxconnections", 128, 1, 65_536);
    connectTimeout = c.getDuration("connecttimeout", Duration.ofSeconds(10), Duration.ofMillis(1));
    socketTimeout = c.getDuration("sockettimeout", Duration.ofSeconds(50), Duration.ofMillis(1));
    maxRetries = c.getInt("maxretries", 3, 0, 100);
  }

  private static String[] sorted(Set<String> values) {
    return values.stream().sorted().toArray(String[]::new);
  }

  static S3Config parse(DriverConfig config) throws InvalidConfigException {
    return new S3Config(config);
  }

  /** What the shared object-store layer needs. */
  ObjectStoreSettings settings() {
    return new ObjectStoreSettings(S3DriverFactory.NAME, rootDirectory, (int) chunkSize, uploadConcurrency,
        maxRetries, Duration.ofMillis(100), multipartCopyThresholdSize, multipartCopyChunkSize,
        multipartCopyMaxConcurrency, redirectExpiry);
  }

  @Override
  public String toString() {
    return "S3Config{bucket=" + bucket + ", region=" + region + ", regionendpoint="
        + regionEndpoint.map(URI::toString).orElse("(AWS)") + ", forcepathstyle=" + forcePathStyle
        + ", rootdirectory=" + rootDirectory + ", accesskey=" + accessKey.orElse("(default credentials chain)")
        + ", secretkey=" + (secretKey.isPresent() ? "(set, not shown)" : "(none)")
        + ", sessiontoken=" + (sessionToken.isPresent() ? "(set, not shown)" : "(none)")
        + ", encrypt=" + encrypt + ", keyid=" + keyId.orElse("(none)") + ", secure=" + secure
        + ", skipverify=" + skipVerify + ", chunksize=" + chunkSize + ", multipartcopychunksize="
        + multipartCopyChunkSize + ", multipartcopymaxconcurrency=" + multipartCopyMaxConcurrency
        + ", multipartcopythresholdsize=" + multipartCopyThresholdSize + ", storageclass="
        + storageClass.orElse("NONE") + ", objectacl=" + objectAcl.orElse("none") + ", usedualstack="
        + useDualStack + ", accelerate=" + accelerate + ", checksum=" + checksum.name().toLowerCase(Locale.ROOT)
        + ", redirectexpiry=" + redirectExpiry + ", uploadconcurrency=" + uploadConcurrency + ", maxconnections="
        + maxConnections + ", connecttimeout=" + connectTimeout + ", sockettimeout=" + socketTimeout
        + ", maxretries=" + maxRetries + "}";
  }
}
