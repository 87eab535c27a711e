package dev.storagedriver.oss.emulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies OSS signatures V1 and V4, in the Authorization header and in presigned URLs, against the configured key
 * pairs. The string-to-sign construction lives in {@link SignatureV1} and {@link SignatureV4}.
 */
final class Authenticator {
  /** A configured key pair; a non-null {@code securityToken} must accompany every request (STS). */
  record Credential(String accessKeyId, String secret, String securityToken) {}

  static final long MAX_SKEW_MILLIS = 15 * 60 * 1000L;
  static final DateTimeFormatter V4_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

  private final Map<String, Credential> credentials;
  private final boolean anonymous;
  /** The region V4 credential scopes must name. */
  final String region;

  Authenticator(Map<String, Credential> credentials, boolean anonymous, String region) {
    this.credentials = Map.copyOf(credentials);
    this.anonymous = anonymous;
    this.region = region;
  }

  void verify(OssRequest r) throws OssException {
    String auth = r.header("Authorization");
    long now = System.currentTimeMillis();
    if (r.has("x-oss-signature")) {
      SignatureV4.verifyPresigned(r, this, now);
    } else if (r.has("Signature") && r.has("OSSAccessKeyId")) {
      SignatureV1.verifyPresigned(r, this, now);
    } else if (auth != null && auth.startsWith("OSS4-HMAC-SHA256 ")) {
      SignatureV4.verifyHeader(r, this, auth, now);
    } else if (auth != null && auth.startsWith("OSS ")) {
      SignatureV1.verifyHeader(r, this, auth, now);
    } else if (!anonymous) {
      throw new OssException(403, "AccessDenied", "You have no right to access this object because of bucket acl.")
          .ec("0003-00000001");
    }
  }

  /** Looks up the key id and checks the STS token, taken from the header or the presigned query. */
  Credential credential(String accessKeyId, String token) throws OssException {
    Credential c = credentials.get(accessKeyId);
    if (c == null) {
      throw new OssException(403, "InvalidAccessKeyId", "The OSS Access Key Id you provided does not exist in our records.")
          .with("OSSAccessKeyId", accessKeyId);
    }
    if (c.securityToken() != null && !c.securityToken().equals(token)) {
      throw new OssException(403, "InvalidSecurityToken", "The security token you provided is invalid.");
    }
    return c;
  }

  static void checkSkew(long requestMillis, long now) throws OssException {
    if (Math.abs(now - requestMillis) > MAX_SKEW_MILLIS) {
      throw new OssException(403, "RequestTimeTooSkewed",
          "The difference between the request time and the current time is too large.");
    }
  }

  static long parseHttpDate(String date) throws OssException {
    try {
      return ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
    } catch (DateTimeParseException | NullPointerException e) {
      throw new OssException(403, "AccessDenied", "Invalid date: " + date);
    }
  }

  static long parseV4Date(String date) throws OssException {
    try {
      return LocalDateTime.parse(date, V4_DATE).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeParseException | NullPointerException e) {
      throw new OssException(403, "AccessDenied", "Invalid x-oss-date: " + date);
    }
  }

  static void expired(long expiresMillis, long now) throws OssException {
    if (now > expiresMillis) {
      throw new OssException(403, "AccessDenied", "Request has expired.").ec("0002-00000069")
          .with("Expires", Instant.ofEpochMilli(expiresMillis).toString())
          .with("ServerTime", Instant.ofEpochMilli(now).toString());
    }
  }

  static void mismatch(String expected, String actual, String stringToSign) throws OssException {
    // constant-time compare: the emulator is a test tool, but there is no reason to leak timing either
    if (actual == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
        actual.getBytes(StandardCharsets.UTF_8))) {
      throw new OssException(403, "SignatureDoesNotMatch",
          "The request signature we calculated does not match the signature you provided. Check your key and signing "
          + "method.")
          .with("StringToSign", stringToSign);
    }
  }

  static byte[] hmac(String algorithm, byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key, algorithm));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
