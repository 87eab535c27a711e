package dev.storagedriver.oss.emulator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An OSS error response: HTTP status, OSS error code, message, optional extra XML elements and the fine-grained
 * {@code EC} code OSS adds to its errors (body element and {@code x-oss-ec} header).
 */
final class OssException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * The EC OSS sends for the common cause of each code, taken from OSS's documented error responses (API reference
   * examples and the EC troubleshooting pages). Codes not listed get no EC rather than an invented one; a throw
   * site with a more specific documented cause sets its own with {@link #ec(String)}.
   */
  private static final Map<String, String> DEFAULT_EC = Map.of(
      "NoSuchKey", "0026-00000001",
      "NoSuchBucket", "0015-00000101",
      "BucketAlreadyExists", "0015-00000104",
      "BucketNotEmpty", "0015-00000301",
      "SignatureDoesNotMatch", "0002-00000040",
      "InvalidAccessKeyId", "0002-00000902",
      "MissingArgument", "0016-00000502",
      "MalformedXML", "0031-00000001",
      "EntityTooSmall", "0042-00000213");

  final int status;
  final String code;
  final Map<String, String> extras = new LinkedHashMap<>();
  /** Extra response headers, e.g. {@code x-oss-next-append-position} on PositionNotEqualToLength. */
  final Map<String, String> headers = new LinkedHashMap<>();
  private String ec;

  OssException(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  /** Sets the EC of this error's specific cause; "" when OSS documents none for it (no default is sent). */
  OssException ec(String code) {
    this.ec = code;
    return this;
  }

  /** The EC to send: the one set for this cause, else the code's usual one, else null (none documented). */
  String ec() {
    if (ec != null) {
      return ec.isEmpty() ? null : ec;
    }
    return DEFAULT_EC.get(code);
  }

  OssException with(String element, String value) {
    extras.put(element, value);
    return this;
  }

  OssException header(String name, Object value) {
    headers.put(name, String.valueOf(value));
    return this;
  }

  static OssException noSuchBucket(String bucket) {
    return new OssException(404, "NoSuchBucket", "The specified bucket does not exist.").with("BucketName", bucket);
  }

  static OssException noSuchKey(String key) {
    return new OssException(404, "NoSuchKey", "The specified key does not exist.").with("Key", key);
  }

  static OssException noSuchUpload(String uploadId) {
    return new OssException(404, "NoSuchUpload", "The specified upload does not exist. "
        + "The upload ID may be invalid, or the upload may have been aborted or completed.").with("UploadId", uploadId);
  }

  static OssException invalidArgument(String message) {
    return new OssException(400, "InvalidArgument", message);
  }

  static OssException missingArgument(String argument) {
    return new OssException(400, "MissingArgument", "Missing Some Required Arguments.")
        .with("ArgumentName", argument);
  }

  static OssException malformedXml(String message) {
    return new OssException(400, "MalformedXML", message);
  }
}
