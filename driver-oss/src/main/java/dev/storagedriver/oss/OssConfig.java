package dev.storagedriver.oss;

import com.typesafe.config.ConfigValueType;
import dev.storagedriver.InvalidConfigException;
import dev.storagedriver.objectstore.ObjectStoreSettings;
import dev.storagedriver.spi.DriverConfig;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The driver's parameters, parsed and checked once. Immutable. {@link #toString()} never shows a secret: the
 * access key secret and the security token are reported only as present or absent.
 */
final class OssConfig {
  /** OSS: parts of a multipart upload (all but the last) must be at least 100 KB; we ask for chunks of 5 MiB. */
  static final long MIN_CHUNK_SIZE = 5L << 20;
  static final long MAX_PART_SIZE = 5L << 30;
  /** OSS CopyObject refuses sources larger than 1 GB. */
  static final long MAX_COPY_OBJECT_SIZE = 1L << 30;
  static final long MIN_COPY_PART_SIZE = 100L * 1024;

  /** OSS refuses V4 presigned URLs valid for longer than 7 days (x-oss-expires at most 604,800 s). */
  static final Duration MAX_V4_PRESIGN = Duration.ofDays(7);

  enum SignatureVersion { V1, V4 }

  /** Distribution's {@code uploadpurging}: abort uncommitted uploads older than {@code age}, every {@code interval}. */
  record Purging(boolean enabled, Duration age, Duration interval, boolean dryRun) {}

  final Optional<String> accessKeyId;
  final Optional<String> accessKeySecret;
  final Optional<String> securityToken;
  final Optional<String> region;
  final String bucket;
  final String endpoint;
  final boolean internal;
  final boolean encrypt;
  final Optional<String> encryptionKeyId;
  final boolean secure;
  final long chunkSize;
  /** The key prefix: the root directory without leading or trailing slashes, plus "/" unless empty. */
  final String rootPrefix;
  final SignatureVersion signatureVersion;
  final Duration connectTimeout;
  final Duration socketTimeout;
  final int maxConnections;
  final int maxRetries;
  final int uploadConcurrency;
  final long multipartCopyThreshold;
  final long multipartCopyChunkSize;
  final Duration redirectExpiry;
  final Optional<String> storageClass;
  final Optional<String> objectAcl;
  final Purging purging;
  /** Whether the SDK may log failed requests itself (it quotes the server's raw answer). */
  final boolean sdkLogging;

  private OssConfig(DriverConfig c) throws InvalidConfigException {
    accessKeyId = c.getOptionalString("accesskeyid");
    accessKeySecret = c.getOptionalSecret("accesskeysecret");
    securityToken = c.getOptionalSecret("securitytoken");
    if (accessKeyId.isPresent() != accessKeySecret.isPresent()) {
      String missing = accessKeyId.isPresent() ? "accesskeysecret" : "accesskeyid";
      throw c.missing(missing, "a string: accesskeyid and accesskeysecret go together (or leave both out to use"
          + " the environment's credentials)");
    }
    if (securityToken.isPresent() && accessKeyId.isEmpty()) {
      throw c.missing("accesskeyid", "a string: securitytoken needs accesskeyid and accesskeysecret");
    }
    region = c.getOptionalString("region").map(String::trim);
    bucket = c.getString("bucket");
    if (!bucket.matches("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]")) {
      throw c.invalid("bucket", "a bucket name: 3 to 63 characters, lower-case letters, digits and '-'", null);
    }
    internal = c.getBoolean("internal", false);
    secure = c.getBoolean("secure", true);
    signatureVersion = c.getEnum("signatureversion", SignatureVersion.class, SignatureVersion.V4);
    if (signatureVersion == SignatureVersion.V4 && region.isEmpty()) {
      throw c.missing("region", "a region such as cn-hangzhou (signature V4 signs it into every request)");
    }
    Optional<String> givenEndpoint = c.getOptionalString("endpoint").map(String::trim);
    if (givenEndpoint.isPresent()) {
      String e = givenEndpoint.get();
      endpoint = e.contains("://") ? e : (secure ? "https://" : "http://") + e;
      if (!endpoint.startsWith("http://") && !endpoint.startsWith("https://")) {
        throw c.invalid("endpoint", "a host name, optionally with http:// or https:// and a port", null);
      }
    } else if (region.isPresent()) {
      String r = region.get().startsWith("oss-") ? region.get().substring(4) : region.get();
      endpoint = (secure ? "https://" : "http://") + "oss-" + r + (internal ? "-internal" : "") + ".aliyuncs.com";
    } else {
      throw c.missing("endpoint", "an endpoint such as oss-cn-hangzhou.aliyuncs.com, or set region");
    }
    encrypt = c.getBoolean("encrypt", false);
    encryptionKeyId = c.getOptionalString("encryptionkeyid");
    chunkSize = c.getBytes("chunksize", 10L << 20, MIN_CHUNK_SIZE, MAX_PART_SIZE);
    if (chunkSize > Integer.MAX_VALUE - 8) {
      throw c.invalid("chunksize", "a size from " + MIN_CHUNK_SIZE + " to 2 GiB (chunks are held in memory)", null);
    }
    String root = c.getOptionalString("rootdirectory").orElse("").trim();
    while (root.startsWith("/")) {
      root = root.substring(1);
    }
    while (root.endsWith("/")) {
      root = root.substring(0, root.length() - 1);
    }
    if (root.contains("//")) {
      throw c.invalid("rootdirectory", "a key prefix without empty segments, e.g. /registry", null);
    }
    rootPrefix = root.isEmpty() ? "" : root + "/";
    connectTimeout = c.getDuration("connecttimeout", Duration.ofSeconds(10), Duration.ofMillis(1));
    socketTimeout = c.getDuration("sockettimeout", Duration.ofSeconds(50), Duration.ofMillis(1));
    maxConnections = c.getInt("maxconnections", 128, 1, 65_536);
    maxRetries = c.getInt("maxretries", 3, 0, 100);
    uploadConcurrency = c.getInt("uploadconcurrency", 4, 1, 256);
    multipartCopyThreshold = c.getBytes("multipartcopythreshold", MAX_COPY_OBJECT_SIZE, 0, MAX_COPY_OBJECT_SIZE);
    multipartCopyChunkSize = c.getBytes("multipartcopychunksize", 64L << 20, MIN_COPY_PART_SIZE, MAX_PART_SIZE);
    redirectExpiry = c.getDuration("redirectexpiry", Duration.ofMinutes(20), Duration.ofSeconds(1));
    if (signatureVersion == SignatureVersion.V4 && redirectExpiry.compareTo(MAX_V4_PRESIGN) > 0) {
      throw c.invalid("redirectexpiry", "a duration of at most 7d: OSS refuses V4 presigned URLs valid longer"
          + " (x-oss-expires above 604800 seconds); signature v1 URLs have no such limit", null);
    }
    storageClass = c.getOptionalString("storageclass").map(s -> canonical(s, STORAGE_CLASSES));
    if (c.has("storageclass") && storageClass.get().isEmpty()) {
      throw c.invalid("storageclass", "one of " + String.join(", ", STORAGE_CLASSES), null);
    }
    objectAcl = c.getOptionalString("objectacl").map(s -> canonical(s, ACLS));
    if (c.has("objectacl") && objectAcl.get().isEmpty()) {
      throw c.invalid("objectacl", "one of " + String.join(", ", ACLS), null);
    }
    if (c.has("uploadpurging") && !c.raw().getValue("uploadpurging").valueType().equals(ConfigValueType.OBJECT)) {
      throw c.invalid("uploadpurging", "an object with enabled, age, interval and dryrun", null);
    }
    for (String k : c.has("uploadpurging") ? c.raw().getConfig("uploadpurging").root().keySet() : Set.<String>of()) {
      if (!PURGING_KEYS.contains(k)) {
        throw c.invalid("uploadpurging." + k, "one of the parameters " + PURGING_KEYS, null);
      }
    }
    purging = new Purging(c.getBoolean("uploadpurging.enabled", true),
        c.getDuration("uploadpurging.age", Duration.ofHours(168), Duration.ofSeconds(1)),
        c.getDuration("uploadpurging.interval", Duration.ofHours(24), Duration.ofMillis(1)),
        c.getBoolean("uploadpurging.dryrun", false));
    sdkLogging = c.getBoolean("sdklogging", false);
  }

  private static final Set<String> PURGING_KEYS = Set.of("enabled", "age", "interval", "dryrun");

  private static final String[] STORAGE_CLASSES = {"Standard", "IA", "Archive", "ColdArchive", "DeepColdArchive"};
  private static final String[] ACLS = {"default", "private", "public-read", "public-read-write"};

  /** The allowed spelling of {@code given} (case-insensitive), or "" if it is not allowed. */
  private static String canonical(String given, String[] allowed) {
    for (String a : allowed) {
      if (a.equalsIgnoreCase(given.trim())) {
        return a;
      }
    }
    return "";
  }

  static OssConfig parse(DriverConfig config) throws InvalidConfigException {
    return new OssConfig(config);
  }

  /** The shared backend's settings: a multipart copy runs {@code uploadconcurrency} part copies at once. */
  ObjectStoreSettings settings() {
    return new ObjectStoreSettings(OssErrors.DRIVER, rootPrefix, (int) chunkSize, uploadConcurrency, maxRetries,
        Duration.ofMillis(100), multipartCopyThreshold, multipartCopyChunkSize, uploadConcurrency, redirectExpiry,
        new ObjectStoreSettings.Purging(purging.enabled(), purging.age(), purging.interval(), purging.dryRun()),
        true);
  }

  /** The server-side encryption algorithm to request, if any. */
  Optional<String> serverSideEncryption() {
    if (encryptionKeyId.isPresent()) {
      return Optional.of("KMS");
    }
    return encrypt ? Optional.of("AES256") : Optional.empty();
  }

  @Override
  public String toString() {
    return "OssConfig{bucket=" + bucket + ", endpoint=" + endpoint + ", region=" + region.orElse("(none)")
        + ", rootdirectory=/" + rootPrefix + ", accesskeyid=" + accessKeyId.orElse("(from environment)")
        + ", accesskeysecret=" + (accessKeySecret.isPresent() ? "(set, not shown)" : "(none)")
        + ", securitytoken=" + (securityToken.isPresent() ? "(set, not shown)" : "(none)")
        + ", signatureversion=" + signatureVersion.name().toLowerCase(Locale.ROOT) + ", internal=" + internal
        + ", encrypt=" + encrypt + ", encryptionkeyid=" + encryptionKeyId.orElse("(none)")
        + ", chunksize=" + chunkSize + ", uploadconcurrency=" + uploadConcurrency
        + ", multipartcopythreshold=" + multipartCopyThreshold + ", multipartcopychunksize="
        + multipartCopyChunkSize + ", connecttimeout=" + connectTimeout + ", sockettimeout=" + socketTimeout
        + ", maxconnections=" + maxConnections + ", maxretries=" + maxRetries + ", redirectexpiry="
        + redirectExpiry + ", storageclass=" + storageClass.orElse("(bucket default)") + ", objectacl="
        + objectAcl.orElse("(bucket default)") + ", uploadpurging=" + purging + ", sdklogging=" + sdkLogging + "}";
  }
}
