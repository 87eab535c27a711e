package dev.storagedriver.oss.emulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** OSS signature V1: HMAC-SHA1 over verb, Content-MD5, Content-Type, date, x-oss-* headers and resource. */
final class SignatureV1 {
  /**
   * The sub-resources that take part in the canonical resource: exactly the SDK 3.18.1 {@code SignParameters}
   * list, so that a request for one the emulator does not implement is verified and then refused as
   * NotImplemented, rather than failing as SignatureDoesNotMatch.
   */
  static final Set<String> SIGNED_PARAMS = Set.of(
      "acl", "uploads", "location", "cors", "logging", "website", "referer", "lifecycle", "delete", "append",
      "tagging", "objectMeta", "uploadId", "partNumber", "security-token", "position", "response-cache-control",
      "response-content-disposition", "response-content-encoding", "response-content-language",
      "response-content-type", "response-expires", "img", "style", "styleName", "replication",
      "replicationProgress", "replicationLocation", "cname", "bucketInfo", "comp", "qos", "live", "status", "vod",
      "startTime", "endTime", "x-oss-process", "processConfiguration", "symlink", "stat", "udf", "udfName",
      "udfImage", "udfImageDesc", "udfApplication", "udfApplicationLog", "restore", "versions", "versioning",
      "versionId", "encryption", "policy", "requestPayment", "x-oss-traffic-limit", "qosInfo", "asyncFetch",
      "sequential", "x-oss-request-payer", "vpcip", "vip", "inventory", "inventoryId", "continuation-token",
      "worm", "wormId", "wormExtend", "callback", "callback-var", "x-oss-dir", "x-oss-rename", "x-oss-delete",
      "transferAcceleration", "x-oss-ac-source-ip", "x-oss-ac-subnet-mask", "x-oss-ac-vpc-id",
      "x-oss-ac-forward-allow", "metaQuery", "resourceGroup", "regionList", "x-oss-async-process",
      "x-oss-write-get-object-response", "bucketArchiveDirectRead", "httpsConfig", "publicAccessBlock",
      "policyStatus", "redundancyTransition", "x-oss-target-redundancy-type", "x-oss-redundancy-transition-taskid",
      "accessPoint", "accessPointPolicy");

  private SignatureV1() {}

  static void verifyHeader(OssRequest r, Authenticator auth, String header, long now) throws OssException {
    String cred = header.substring(4).trim();
    int colon = cred.lastIndexOf(':');
    if (colon < 0) {
      throw new OssException(400, "InvalidArgument", "Authorization header is invalid.");
    }
    Authenticator.Credential c = auth.credential(cred.substring(0, colon), r.header("x-oss-security-token"));
    String date = r.header("x-oss-date") != null ? r.header("x-oss-date") : r.header("Date");
    Authenticator.checkSkew(Authenticator.parseHttpDate(date), now);
    String sts = stringToSign(r, date, false);
    Authenticator.mismatch(sign(c.secret(), sts), cred.substring(colon + 1), sts);
  }

  static void verifyPresigned(OssRequest r, Authenticator auth, long now) throws OssException {
    Authenticator.Credential c = auth.credential(r.param("OSSAccessKeyId"), r.param("security-token"));
    String expires = r.param("Expires");
    long exp;
    try {
      exp = Long.parseLong(expires) * 1000;
    } catch (NumberFormatException | NullPointerException e) {
      throw new OssException(403, "AccessDenied", "Invalid Expires: " + expires);
    }
    String sts = stringToSign(r, expires, true);
    Authenticator.mismatch(sign(c.secret(), sts), r.param("Signature"), sts);
    Authenticator.expired(exp, now);
  }

  static String sign(String secret, String stringToSign) {
    byte[] mac = Authenticator.hmac("HmacSHA1", secret.getBytes(StandardCharsets.UTF_8), stringToSign);
    return Base64.getEncoder().encodeToString(mac);
  }

  static String stringToSign(OssRequest r, String date, boolean presigned) {
    StringBuilder sb = new StringBuilder();
    sb.append(r.method.name()).append('\n');
    sb.append(nullToEmpty(r.header("Content-MD5"))).append('\n');
    sb.append(nullToEmpty(r.header("Content-Type"))).append('\n');
    sb.append(nullToEmpty(date)).append('\n');
    TreeMap<String, String> oss = new TreeMap<>();
    for (Map.Entry<String, String> h : r.headers) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      if (name.startsWith("x-oss-")) {
        oss.merge(name, h.getValue().trim(), (a, b) -> a + "," + b);
      }
    }
    oss.forEach((k, v) -> sb.append(k).append(':').append(v).append('\n'));
    sb.append(resource(r, presigned));
    return sb.toString();
  }

  static String resource(OssRequest r, boolean presigned) {
    StringBuilder sb = new StringBuilder("/");
    if (r.bucket != null) {
      sb.append(r.bucket).append('/');
      if (r.hasKey()) {
        sb.append(r.key);
      }
    }
    TreeMap<String, String> params = new TreeMap<>();
    r.query.forEach((k, v) -> {
      if (SIGNED_PARAMS.contains(k)) {
        params.put(k, v);
      }
    });
    char sep = '?';
    for (Map.Entry<String, String> p : params.entrySet()) {
      sb.append(sep).append(p.getKey());
      if (!p.getValue().isEmpty()) {
        sb.append('=').append(p.getValue());
      }
      sep = '&';
    }
    return sb.toString();
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
