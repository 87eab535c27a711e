package dev.storagedriver.oss;

import com.aliyun.oss.ClientException;
import com.aliyun.oss.OSSException;
import dev.storagedriver.ErrorCode;
import dev.storagedriver.PathNotFoundException;
import dev.storagedriver.StorageDriverException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.NoSuchFileException;
import java.util.Set;

/**
 * Runs SDK calls and types their failures. The SDK itself retries connection failures and 500/502/503 for the
 * requests it considers safe; {@link #idempotent} adds retries of idempotent calls for what the SDK does not
 * retry: throttling answered with other statuses, checksum mismatches (a body damaged in transit), and answers
 * cut short (a response body that ends early, which the SDK reports as {@code InvalidResponse}, or a connection
 * failure the SDK does not classify) — all {@code UNAVAILABLE}, as a 5xx is.
 */
final class Retry {
  private static final Set<String> THROTTLING = Set.of("Throttling", "TooManyRequests", "QpsLimitExceeded",
      "SlowDown", "ServerBusy", "RequestTimeout", OssErrors.INVALID_RESPONSE);
  /** Client error codes the SDK retries itself (its DefaultRetryStrategy); retrying them again would square. */
  private static final Set<String> SDK_RETRIED = Set.of("ConnectionTimeout", "SocketTimeout",
      "ConnectionRefused", "UnknownHost", "SocketException", "SslException");

  @FunctionalInterface
  interface Call<T> {
    T run() throws IOException;
  }

  private Retry() {}

  /** Runs {@code call} once; a missing object becomes {@link NoSuchFileException}. */
  static <T> T once(String operation, String path, Call<T> call) throws IOException {
    try {
      return call.run();
    } catch (RuntimeException e) {
      throw typed(operation, path, e);
    }
  }

  /** Runs an idempotent {@code call}, trying again up to {@code retries} times on a retryable failure. */
  static <T> T idempotent(int retries, String operation, String path, Call<T> call) throws IOException {
    return run(retries, operation, path, false, call);
  }

  /**
   * Runs an idempotent call the SDK never retries because it is a POST (DeleteMultipleObjects): transient
   * failures are tried again here too.
   */
  static <T> T idempotentPost(int retries, String operation, String path, Call<T> call) throws IOException {
    return run(retries, operation, path, true, call);
  }

  private static <T> T run(int retries, String operation, String path, boolean retryUnavailable, Call<T> call)
      throws IOException {
    for (int attempt = 0; ; attempt++) {
      try {
        return call.run();
      } catch (RuntimeException e) {
        IOException typed = typed(operation, path, e);
        boolean again = typed instanceof StorageDriverException s
            && (s.code() == ErrorCode.CORRUPTED
                || (retryUnavailable && s.code() == ErrorCode.UNAVAILABLE)
                || (e instanceof OSSException o && THROTTLING.contains(o.getErrorCode()))
                || (!(e instanceof OSSException) && e instanceof ClientException c
                    && !SDK_RETRIED.contains(c.getErrorCode())));
        if (!again || attempt >= retries) {
          throw typed;
        }
        pause(attempt, operation, path);
      }
    }
  }

  static void pause(int attempt, String operation, String path) throws InterruptedIOException {
    try {
      Thread.sleep(Math.min(2000, 100L << attempt));
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException(operation + " " + path + " interrupted");
    }
  }

  static IOException typed(String operation, String path, RuntimeException e) {
    StorageDriverException t = OssErrors.translate(operation, path, e);
    if (t instanceof PathNotFoundException && path != null) {
      NoSuchFileException n = new NoSuchFileException(path);
      n.initCause(OssErrors.safe(e));
      return n;
    }
    return t;
  }
}
