package dev.storagedriver.oss.emulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** OSS signature V4 (OSS4-HMAC-SHA256): a canonical request hashed into a scoped string-to-sign. */
final class SignatureV4 {
  private static final String ALGORITHM = "OSS4-HMAC-SHA256";
  private static final String TERMINATOR = "aliyun_v4_request";
  private static final String PRODUCT = "oss";
  /** OSS's limit for a V4 signed URL's {@code x-oss-expires}: 7 days. */
  static final long MAX_PRESIGNED_EXPIRES = 604_800;

  private SignatureV4() {}

  static void verifyHeader(OssRequest r, Authenticator auth, String header, long now) throws OssException {
    String credential = null;
    String additional = "";
    String signature = null;
    for (String part : header.substring(ALGORITHM.length()).split(",")) {
      String p = part.trim();
      if (p.startsWith("Credential=")) {
        credential = p.substring("Credential=".length());
      } else if (p.startsWith("AdditionalHeaders=")) {
        additional = p.substring("AdditionalHeaders=".length());
      } else if (p.startsWith("Signature=")) {
        signature = p.substring("Signature=".length());
      }
    }
    String[] scope = scope(credential);
    checkScope(scope, auth.region, credential, "Credential", "0002-00000228");
    Authenticator.Credential c = auth.credential(scope[0], r.header("x-oss-security-token"));
    String date = r.header("x-oss-date");
    Authenticator.checkSkew(Authenticator.parseV4Date(date), now);
    String payload = r.header("x-oss-content-sha256");
    String canonical = canonicalRequest(r, additional, payload == null ? "UNSIGNED-PAYLOAD" : payload, null);
    String sts = stringToSign(date, scope, canonical);
    Authenticator.mismatch(sign(c.secret(), scope, sts), signature, sts);
  }

  static void verifyPresigned(OssRequest r, Authenticator auth, long now) throws OssException {
    if (!ALGORITHM.equals(r.param("x-oss-signature-version"))) {
      throw new OssException(400, "InvalidArgument", "Unsupported x-oss-signature-version.");
    }
    String[] scope = scope(r.param("x-oss-credential"));
    checkScope(scope, auth.region, r.param("x-oss-credential"), "x-oss-credential", "0002-00000226");
    Authenticator.Credential c = auth.credential(scope[0], r.param("security-token"));
    String date = r.param("x-oss-date");
    long start = Authenticator.parseV4Date(date);
    long expires;
    try {
      expires = Long.parseLong(r.param("x-oss-expires"));
    } catch (NumberFormatException | NullPointerException e) {
      throw new OssException(400, "InvalidArgument", "Invalid x-oss-expires.").ec("0002-00000070");
    }
    if (expires < 1 || expires > MAX_PRESIGNED_EXPIRES) {
      throw new OssException(400, "InvalidArgument", "x-oss-expires must be between 1 and " + MAX_PRESIGNED_EXPIRES
          + " seconds (7 days) for a V4 signed URL.").with("ArgumentName", "x-oss-expires")
          .with("ArgumentValue", String.valueOf(expires)).ec("0002-00000232");
    }
    String additional = r.param("x-oss-additional-headers");
    String canonical = canonicalRequest(r, additional == null ? "" : additional, "UNSIGNED-PAYLOAD",
        "x-oss-signature");
    String sts = stringToSign(date, scope, canonical);
    Authenticator.mismatch(sign(c.secret(), scope, sts), r.param("x-oss-signature"), sts);
    Authenticator.expired(start + expires * 1000, now);
  }

  /**
   * The scope names the product {@code oss} and the region the emulator serves, as OSS checks (the region enters
   * the signing key, so a client signing for another region would otherwise be accepted here and fail on OSS).
   */
  private static void checkScope(String[] scope, String region, String credential, String argument, String regionEc)
      throws OssException {
    if (!PRODUCT.equals(scope[3])) {
      throw new OssException(400, "InvalidArgument", "The signing product in credential is invalid.")
          .with("ArgumentName", argument).with("ArgumentValue", credential).ec("0002-00000227");
    }
    if (!scope[2].equals(region)) {
      throw new OssException(400, "InvalidArgument", "The signing region in credential is invalid.")
          .with("ArgumentName", argument).with("ArgumentValue", credential).ec(regionEc);
    }
  }

  /** Splits {@code AK/yyyyMMdd/region/oss/aliyun_v4_request} into its five fields. */
  private static String[] scope(String credential) throws OssException {
    String[] s = credential == null ? new String[0] : credential.split("/");
    if (s.length != 5 || !TERMINATOR.equals(s[4])) {
      throw new OssException(400, "InvalidArgument", "Invalid credential scope: " + credential);
    }
    return s;
  }

  static String canonicalRequest(OssRequest r, String additional, String payload, String excludedParam) {
    StringBuilder sb = new StringBuilder();
    sb.append(r.method.name()).append('\n');
    StringBuilder path = new StringBuilder("/");
    if (r.bucket != null) {
      path.append(r.bucket).append('/');
      if (r.hasKey()) {
        path.append(r.key);
      }
    }
    sb.append(encode(path.toString(), true)).append('\n');
    TreeMap<String, String> q = new TreeMap<>();
    r.query.forEach((k, v) -> {
      if (!k.equals(excludedParam)) {
        q.put(encode(k.trim(), false), encode(v.trim(), false));
      }
    });
    String sep = "";
    for (Map.Entry<String, String> e : q.entrySet()) {
      sb.append(sep).append(e.getKey());
      if (!e.getValue().isEmpty()) {
        sb.append('=').append(e.getValue());
      }
      sep = "&";
    }
    sb.append('\n');
    Set<String> extra = new HashSet<>();
    for (String h : additional.split(";")) {
      if (!h.isBlank()) {
        extra.add(h.trim().toLowerCase(Locale.ROOT));
      }
    }
    TreeMap<String, String> headers = new TreeMap<>();
    for (Map.Entry<String, String> h : r.headers) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      if (name.equals("content-type") || name.equals("content-md5") || name.startsWith("x-oss-")
          || extra.contains(name)) {
        headers.merge(name, h.getValue().trim(), (a, b) -> a + "," + b);
      }
    }
    headers.forEach((k, v) -> sb.append(k).append(':').append(v).append('\n'));
    sb.append('\n');
    sb.append(additional).append('\n');
    sb.append(payload);
    return sb.toString();
  }

  static String stringToSign(String dateTime, String[] scope, String canonicalRequest) {
    return ALGORITHM + "\n" + dateTime + "\n" + scope[1] + "/" + scope[2] + "/" + scope[3] + "/" + TERMINATOR + "\n"
        + HexFormat.of().formatHex(sha256(canonicalRequest));
  }

  static String sign(String secret, String[] scope, String stringToSign) {
    byte[] k = Authenticator.hmac("HmacSHA256", ("aliyun_v4" + secret).getBytes(StandardCharsets.UTF_8), scope[1]);
    k = Authenticator.hmac("HmacSHA256", k, scope[2]);
    k = Authenticator.hmac("HmacSHA256", k, scope[3]);
    k = Authenticator.hmac("HmacSHA256", k, TERMINATOR);
    return HexFormat.of().formatHex(Authenticator.hmac("HmacSHA256", k, stringToSign));
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** RFC 3986 percent-encoding of UTF-8 bytes; unreserved characters (and '/' in paths) stay literal. */
  static String encode(String s, boolean keepSlash) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
          || c == '.' || c == '~' || (keepSlash && c == '/')) {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return sb.toString();
  }
}
