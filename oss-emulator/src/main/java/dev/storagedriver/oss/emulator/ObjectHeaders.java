package dev.storagedriver.oss.emulator;

import dev.storagedriver.oss.emulator.Model.Meta;
import dev.storagedriver.oss.emulator.Model.StoredObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Object metadata in and out of HTTP headers; user metadata is always sent with lower-case names. */
final class ObjectHeaders {
  static final List<String> STANDARD =
      List.of("Cache-Control", "Content-Disposition", "Content-Encoding", "Content-Language", "Expires");
  static final int MAX_KEY_BYTES = 1023;

  private ObjectHeaders() {}

  /** The stored headers of a new object; without {@code x-oss-storage-class} it takes its bucket's class. */
  static Meta metaFrom(OssRequest r, Model.Bucket bucket) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String h : STANDARD) {
      String v = r.header(h);
      if (v != null) {
        headers.put(h, v);
      }
    }
    Map<String, String> user = new TreeMap<>();
    for (Map.Entry<String, String> h : r.headers) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      if (name.startsWith("x-oss-meta-")) {
        user.put(name, h.getValue());
      }
    }
    String ct = r.header("Content-Type");
    String storageClass = r.header("x-oss-storage-class");
    return new Meta(ct == null || ct.isEmpty() ? "application/octet-stream" : ct, headers, user,
        storageClass == null ? bucket.settings.storageClass() : storageClass);
  }

  /** The headers GET, HEAD and the SDK's ObjectMetadata parser read. */
  static void write(Response resp, StoredObject o) {
    resp.header("ETag", quote(o.etag()))
        .header("Last-Modified", httpDate(o.lastModified()))
        .header("Content-Type", o.meta().contentType())
        .header("x-oss-object-type", o.type())
        .header("x-oss-storage-class", o.meta().storageClass())
        .header("x-oss-hash-crc64ecma", Long.toUnsignedString(o.crc()))
        .header("Accept-Ranges", "bytes");
    o.meta().headers().forEach(resp::header);
    o.meta().user().forEach(resp::header);
    if ("Appendable".equals(o.type())) {
      resp.header("x-oss-next-append-position", o.size());
    }
    if ("Normal".equals(o.type()) && o.etag().length() == 32) {
      // a Normal object's ETag is its content MD5 (PutObject, or a copy of one): OSS sends it as Content-MD5 too
      resp.header("Content-MD5", Base64.getEncoder().encodeToString(HexFormat.of().parseHex(o.etag())));
    }
  }

  static String quote(String etag) {
    return "\"" + etag + "\"";
  }

  static String unquote(String etag) {
    String e = etag.trim();
    if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")) {
      e = e.substring(1, e.length() - 1);
    }
    return e;
  }

  static String hex(byte[] b) {
    return HexFormat.of().withUpperCase().formatHex(b);
  }

  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

  static String httpDate(long millis) {
    return HTTP_DATE.format(Instant.ofEpochMilli(millis));
  }

  /**
   * OSS's object-name rule: 1 to 1,023 bytes of UTF-8 (any characters, control characters included), not starting
   * with '/' or '\\'. A name whose percent-encoding was not valid UTF-8 arrives as null from {@link OssRequest}.
   */
  static void checkKey(String key) throws OssException {
    if (key == null || key.isEmpty()) {
      throw new OssException(400, "InvalidObjectName", "The specified object is not valid.");
    }
    if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
      throw new OssException(400, "InvalidObjectName", "The Length of Object name must be less than 1024.");
    }
    if (key.startsWith("/") || key.startsWith("\\")) {
      throw new OssException(400, "InvalidObjectName", "The specified object is not valid: it must not start with "
          + "'/' or '\\'.");
    }
  }

  /** Parses a small non-negative integer query parameter, range-checked (InvalidArgument otherwise). */
  static int intParam(OssRequest r, String name, int dflt, int min, int max) throws OssException {
    String v = r.param(name);
    if (v == null || v.isEmpty()) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        throw OssException.invalidArgument(name + " must be between " + min + " and " + max + ".")
            .with("ArgumentName", name).with("ArgumentValue", v);
      }
      return n;
    } catch (NumberFormatException e) {
      throw OssException.invalidArgument(name + " is not a number.").with("ArgumentName", name)
          .with("ArgumentValue", v);
    }
  }
}
