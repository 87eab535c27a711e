package dev.storagedriver.oss.emulator;

import java.util.LinkedHashMap;
import java.util.Map;

/** An OSS error response: HTTP status, OSS error code, message and optional extra XML elements. */
final class OssException extends Exception {
  private static final long serialVersionUID = 1L;

  final int status;
  final String code;
  final Map<String, String> extras = new LinkedHashMap<>();
  /** Extra response headers, e.g. {@code x-oss-next-append-position} on PositionNotEqualToLength. */
  final Map<String, String> headers = new LinkedHashMap<>();

  OssException(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
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

  static OssException malformedXml(String message) {
    return new OssException(400, "MalformedXML", message);
  }
}
