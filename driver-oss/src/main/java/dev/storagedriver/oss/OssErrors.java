package dev.storagedriver.oss;

import com.aliyun.oss.ClientException;
import com.aliyun.oss.InconsistentException;
import com.aliyun.oss.OSSException;
import dev.storagedriver.DriverException;
import dev.storagedriver.ErrorCode;
import dev.storagedriver.PathNotFoundException;
import dev.storagedriver.StorageDriverException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Set;

/**
 * Classifies the SDK's exceptions into the typed ones. Messages are built here from the error code, the HTTP
 * operation and the request id only: the SDK's own messages can quote the raw error response, which is never
 * shown.
 */
final class OssErrors {
  static final String DRIVER = "oss";

  private static final Set<String> NOT_FOUND = Set.of("NoSuchKey", "NoSuchBucket");
  private static final Set<String> DENIED = Set.of("AccessDenied", "SignatureDoesNotMatch", "InvalidAccessKeyId",
      "SecurityTokenExpired", "InvalidSecurityToken", "RequestTimeTooSkewed", "AccessForbidden");
  private static final Set<String> TRANSIENT = Set.of("InternalError", "ServiceUnavailable", "SlowDown",
      "RequestTimeout", "Throttling", "TooManyRequests", "QpsLimitExceeded", "ServerBusy", "OperationAborted");
  private static final Set<String> CORRUPT = Set.of("InvalidDigest", "BadDigest", "CrcCheckError",
      "InvalidCRC64");

  private OssErrors() {}

  /** Whether {@code e} says the object (or the bucket) is missing. */
  static boolean isNotFound(RuntimeException e) {
    return e instanceof OSSException o && NOT_FOUND.contains(o.getErrorCode());
  }

  static boolean isCode(RuntimeException e, String code) {
    return e instanceof OSSException o && code.equals(o.getErrorCode());
  }

  /** The typed exception for a failure of {@code operation} on {@code path} (null if none). */
  static StorageDriverException translate(String operation, String path, RuntimeException e) {
    String where = path == null ? operation : operation + " " + path;
    if (e instanceof OSSException o) {
      String code = o.getErrorCode() == null ? "(no code)" : o.getErrorCode();
      String detail = where + ": OSS error " + code + " (request id " + o.getRequestId() + ")";
      if (NOT_FOUND.contains(code) && path != null) {
        return new PathNotFoundException(DRIVER, path, e);
      }
      if (DENIED.contains(code)) {
        return new DriverException(DRIVER, path, ErrorCode.PERMISSION_DENIED, detail, e);
      }
      if (CORRUPT.contains(code)) {
        return new DriverException(DRIVER, path, ErrorCode.CORRUPTED, detail + ": checksum mismatch", e);
      }
      if (TRANSIENT.contains(code) || code.startsWith("5") || code.contains("Throttl")) {
        return new DriverException(DRIVER, path, ErrorCode.UNAVAILABLE, detail, e);
      }
      if (code.equals("FileAlreadyExists") || code.equals("PositionNotEqualToLength")
          || code.equals("ObjectNotAppendable")) {
        return new DriverException(DRIVER, path, ErrorCode.CONFLICT, detail, e);
      }
      return new DriverException(DRIVER, path, ErrorCode.UNKNOWN, detail, e);
    }
    if (e instanceof InconsistentException) {
      return new DriverException(DRIVER, path, ErrorCode.CORRUPTED,
          where + ": CRC-64 of the data sent and of the data stored differ", e);
    }
    if (e instanceof ClientException c) {
      // The SDK wraps network failures (after its own retries) in ClientException.
      return new DriverException(DRIVER, path, ErrorCode.UNAVAILABLE,
          where + ": " + describeNetwork(c) + " (request id " + c.getRequestId() + ")", e);
    }
    return new DriverException(DRIVER, path, ErrorCode.UNKNOWN, where + " failed: " + e.getClass().getName(), e);
  }

  /** For IOExceptions raised while streaming (not through the SDK's request path). */
  static StorageDriverException translate(String operation, String path, IOException e) {
    if (e instanceof StorageDriverException typed) {
      return typed;
    }
    return new DriverException(DRIVER, path, ErrorCode.UNAVAILABLE,
        operation + " " + path + ": " + e.getClass().getSimpleName(), e);
  }

  /** A short description of a client-side failure from its cause chain, without the SDK's message. */
  static String describeNetwork(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnknownHostException) {
        return "unknown host";
      }
      if (t instanceof ConnectException) {
        return "connection refused";
      }
      if (t instanceof SocketTimeoutException) {
        return "timed out";
      }
      if (t instanceof SocketException) {
        return "connection failed (" + t.getClass().getSimpleName() + ")";
      }
    }
    String code = e instanceof ClientException c ? c.getErrorCode() : null;
    return "client failure" + (code == null ? "" : " " + code);
  }

  /** Whether a client-side failure is one of the network kind (for the start-up check). */
  static boolean isNetwork(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnknownHostException || t instanceof ConnectException
          || t instanceof SocketTimeoutException || t instanceof SocketException) {
        return true;
      }
    }
    return false;
  }
}
