package dev.storagedriver.s3;

import dev.storagedriver.objectstore.ObjectStoreException;
import dev.storagedriver.objectstore.ObjectStoreException.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Classifies the SDK's exceptions. Messages are built here from the operation, S3's error code, the HTTP status
 * and the request id only: the SDK's own messages can quote the server's error text, which is never shown.
 */
final class S3Errors {
  private static final Set<String> NOT_FOUND = Set.of("NoSuchKey", "NotFound");
  private static final Set<String> DENIED = Set.of("AccessDenied", "AllAccessDisabled", "InvalidAccessKeyId",
      "SignatureDoesNotMatch", "ExpiredToken", "InvalidToken", "TokenRefreshRequired", "RequestTimeTooSkewed",
      "AccountProblem", "InvalidSecurity", "AccessControlListNotSupported");
  private static final Set<String> TRANSIENT = Set.of("SlowDown", "ServiceUnavailable", "InternalError",
      "RequestTimeout", "Throttling", "ThrottlingException", "TooManyRequests", "RequestThrottled",
      "OperationAborted", "BandwidthLimitExceeded", "EC2ThrottledException", "PriorRequestNotComplete");
  private static final Set<String> CORRUPTED = Set.of("BadDigest", "InvalidDigest", "XAmzContentSHA256Mismatch",
      "IncompleteBody");

  private S3Errors() {}

  /** The classified failure of {@code operation}. */
  static ObjectStoreException classify(String operation, RuntimeException e) {
    if (e instanceof AwsServiceException s) {
      String code = s.awsErrorDetails() == null || s.awsErrorDetails().errorCode() == null ? ""
          : s.awsErrorDetails().errorCode();
      int status = s.statusCode();
      String message = operation + ": S3 error " + (code.isEmpty() ? "(no code)" : code) + " (HTTP " + status
          + (s.requestId() == null ? "" : ", request id " + s.requestId()) + ")";
      return new ObjectStoreException(kind(code, status), message, e);
    }
    if (e instanceof SdkClientException c) {
      IOException io = ioCause(c);
      if (io instanceof javax.net.ssl.SSLHandshakeException) {
        // An untrusted certificate does not fix itself: not worth a retry.
        return new ObjectStoreException(Kind.OTHER, operation + ": the TLS handshake failed (an untrusted"
            + " certificate? skipverify turns the check off, for tests only)", e);
      }
      if (io != null) {
        return new ObjectStoreException(Kind.TRANSIENT, operation + ": connection failed ("
            + io.getClass().getSimpleName() + ")", e);
      }
      String m = String.valueOf(c.getMessage()).toLowerCase(Locale.ROOT);
      if (m.contains("checksum")) {
        return new ObjectStoreException(Kind.CORRUPTED, operation + ": the body's checksum does not match", e);
      }
      if (m.contains("unable to execute http request") || m.contains("timeout") || m.contains("timed out")) {
        return new ObjectStoreException(Kind.TRANSIENT, operation + ": the request did not complete", e);
      }
      return new ObjectStoreException(Kind.OTHER, operation + ": client failure ("
          + c.getClass().getSimpleName() + ")", e);
    }
    if (e instanceof UncheckedIOException u) {
      return new ObjectStoreException(Kind.TRANSIENT, operation + ": connection failed ("
          + u.getCause().getClass().getSimpleName() + ")", e);
    }
    return new ObjectStoreException(Kind.OTHER, operation + " failed: " + e.getClass().getName(), e);
  }

  static Kind kind(String code, int status) {
    if ("NoSuchUpload".equals(code)) {
      return Kind.NO_SUCH_UPLOAD;
    }
    if ("NoSuchBucket".equals(code)) {
      return Kind.NO_SUCH_BUCKET;
    }
    if (NOT_FOUND.contains(code) || (code.isEmpty() && status == 404)) {
      return Kind.NOT_FOUND;
    }
    if (DENIED.contains(code) || (code.isEmpty() && status == 403)) {
      return Kind.DENIED;
    }
    if (CORRUPTED.contains(code)) {
      return Kind.CORRUPTED;
    }
    if ("InvalidRange".equals(code) || status == 416) {
      return Kind.RANGE_NOT_SATISFIABLE;
    }
    if ("PreconditionFailed".equals(code) || status == 412) {
      return Kind.PRECONDITION_FAILED;
    }
    if ("NotImplemented".equals(code) || status == 501) {
      return Kind.NOT_IMPLEMENTED;
    }
    if (TRANSIENT.contains(code) || status == 429 || status >= 500) {
      return Kind.TRANSIENT;
    }
    if (status == 400 || "KeyTooLongError".equals(code)) {
      return Kind.INVALID;
    }
    return Kind.OTHER;
  }

  private static IOException ioCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException io) {
        return io;
      }
    }
    return null;
  }
}
