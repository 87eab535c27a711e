package dev.storagedriver.oss;

import com.aliyun.oss.ClientException;
import com.aliyun.oss.InconsistentException;
import com.aliyun.oss.OSSException;
import dev.storagedriver.DriverException;
import dev.storagedriver.ErrorCode;
import dev.storagedriver.StorageDriverException;
import dev.storagedriver.objectstore.ObjectStoreException;
import dev.storagedriver.objectstore.ObjectStoreException.Kind;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Set;
import javax.net.ssl.SSLException;

/**
 * Classifies the SDK's exceptions: into {@link ObjectStoreException} kinds for the shared backend ({@link
 * #classify}), and into typed errors for the start-up check ({@link #translate}). Messages are built here from the error code, the HTTP
 * operation and the request id only, and the SDK's exception never becomes a cause: its message quotes the raw
 * error response, which for SignatureDoesNotMatch echoes the string to sign (and with it an STS token). The
 * cause is a {@link SdkFailure} instead, a summary with the same stack trace.
 */
final class OssErrors {
  static final String DRIVER = "oss";

  /** The code the SDK gives a response it could not parse: a body cut short, or a server that is not OSS. */
  static final String INVALID_RESPONSE = "InvalidResponse";

  private static final Set<String> NOT_FOUND = Set.of("NoSuchKey");
  private static final Set<String> DENIED = Set.of("AccessDenied", "SignatureDoesNotMatch", "InvalidAccessKeyId",
      "SecurityTokenExpired", "InvalidSecurityToken", "RequestTimeTooSkewed", "AccessForbidden");
  private static final Set<String> TRANSIENT = Set.of("InternalError", "ServiceUnavailable", "SlowDown",
      "RequestTimeout", "Throttling", "TooManyRequests", "QpsLimitExceeded", "ServerBusy", "OperationAborted",
      INVALID_RESPONSE);
  private static final Set<String> CORRUPT = Set.of("InvalidDigest", "BadDigest", "CrcCheckError",
      "InvalidCRC64");

  private OssErrors() {}

  /**
   * What the driver keeps of an SDK exception: its class, error code, request and host id, and the class names
   * of its causes, with its stack trace; never a message, which may quote a signature or a token.
   */
  static final class SdkFailure extends Exception {
    private static final long serialVersionUID = 1L;

    SdkFailure(Throwable sdk) {
      super(summary(sdk), null, false, true);
      setStackTrace(sdk.getStackTrace());
    }

    private static String summary(Throwable sdk) {
      StringBuilder s = new StringBuilder(sdk.getClass().getName());
      if (sdk instanceof OSSException o) {
        s.append(": OSS error ").append(o.getErrorCode()).append(" (request id ").append(o.getRequestId())
            .append(", host id ").append(o.getHostId()).append(')');
      } else if (sdk instanceof ClientException c) {
        s.append(": client error ").append(c.getErrorCode()).append(" (request id ").append(c.getRequestId())
            .append(')');
      }
      for (Throwable t = sdk.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
        s.append("; caused by ").append(t.getClass().getName());
      }
      return s.toString();
    }
  }

  /** The safe stand-in for {@code sdk} to use as a cause. */
  static Throwable safe(Throwable sdk) {
    return sdk == null || sdk instanceof SdkFailure ? sdk : new SdkFailure(sdk);
  }

  /**
   * The classified failure of {@code operation}, for the shared backend: the kind decides retries and the typed
   * error; the message holds the error code, the request id and, for client failures, what the cause chain says
   * (never the SDK's message); the cause is the {@link SdkFailure} summary.
   */
  static ObjectStoreException classify(String operation, RuntimeException e) {
    Throwable cause = safe(e);
    if (e instanceof OSSException o) {
      String code = o.getErrorCode() == null ? "(no code)" : o.getErrorCode();
      String message = operation + ": OSS error " + code + " (request id " + o.getRequestId() + ")";
      return new ObjectStoreException(kind(code), code.equals(INVALID_RESPONSE)
          ? message + ": the response was cut short or is not an OSS answer" : message, cause);
    }
    if (e instanceof InconsistentException) {
      return new ObjectStoreException(Kind.CORRUPTED, operation
          + ": CRC-64 of the data sent and of the data stored differ", cause);
    }
    if (e instanceof ClientException c) {
      // Connection failures, timeouts, bodies cut short: the SDK's own retries are off, the backend retries.
      return new ObjectStoreException(Kind.TRANSIENT, operation + ": " + describeNetwork(c) + " (request id "
          + c.getRequestId() + ")", cause);
    }
    return new ObjectStoreException(Kind.OTHER, operation + " failed: " + e.getClass().getName(), cause);
  }

  private static Kind kind(String code) {
    if (code.equals("NoSuchUpload")) {
      return Kind.NO_SUCH_UPLOAD;
    }
    if (code.equals("NoSuchBucket")) {
      return Kind.NO_SUCH_BUCKET;
    }
    if (NOT_FOUND.contains(code)) {
      return Kind.NOT_FOUND;
    }
    if (DENIED.contains(code)) {
      return Kind.DENIED;
    }
    if (CORRUPT.contains(code)) {
      return Kind.CORRUPTED;
    }
    if (code.equals("InvalidRange")) {
      return Kind.RANGE_NOT_SATISFIABLE;
    }
    if (code.equals("PreconditionFailed")) {
      return Kind.PRECONDITION_FAILED;
    }
    if (code.equals("EntityTooLarge")) {
      return Kind.TOO_LARGE;
    }
    if (code.equals("NotImplemented")) {
      return Kind.NOT_IMPLEMENTED;
    }
    if (TRANSIENT.contains(code) || code.startsWith("5") || code.contains("Throttl")) {
      return Kind.TRANSIENT;
    }
    if (code.equals("InvalidArgument") || code.equals("InvalidObjectName") || code.equals("KeyTooLong")) {
      return Kind.INVALID;
    }
    return Kind.OTHER;
  }

  /** The typed exception for a failure of the start-up check, which names no path. */
  static StorageDriverException translate(String operation, RuntimeException e) {
    ObjectStoreException c = classify(operation, e);
    ErrorCode code = switch (c.kind()) {
      case NOT_FOUND -> ErrorCode.PATH_NOT_FOUND;
      case DENIED -> ErrorCode.PERMISSION_DENIED;
      case CORRUPTED -> ErrorCode.CORRUPTED;
      case TRANSIENT -> ErrorCode.UNAVAILABLE;
      default -> ErrorCode.UNKNOWN;
    };
    return new DriverException(DRIVER, null, code, c.getMessage(), c.getCause());
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
      if (t instanceof SSLException) {
        return "TLS handshake failed (" + t.getClass().getSimpleName() + ")";
      }
      if (t instanceof SocketException) {
        return "connection failed (" + t.getClass().getSimpleName() + ")";
      }
    }
    String code = e instanceof ClientException c ? c.getErrorCode() : null;
    return "client failure" + (code == null ? "" : " " + code);
  }

  /** Whether a client-side failure is a TLS failure: most often https:// to a server speaking plain HTTP. */
  static boolean isTls(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SSLException || (t instanceof ClientException c && "SslException".equals(c.getErrorCode()))) {
        return true;
      }
    }
    return false;
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
