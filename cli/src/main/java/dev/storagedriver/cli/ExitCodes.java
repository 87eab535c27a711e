package dev.storagedriver.cli;

import com.typesafe.config.ConfigException;
import dev.storagedriver.ErrorCode;
import dev.storagedriver.StorageDriverException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/**
 * The exit codes of {@code storagedriver}, so scripts can tell a missing path from an unreachable backend without
 * reading messages.
 */
public final class ExitCodes {
  /** Success; for {@code tck}, every test passed or was skipped. */
  public static final int OK = 0;
  /** The operation failed (a driver error without a more specific code, a failed kit test, a failed copy). */
  public static final int FAILURE = 1;
  /**
   * Bad arguments: unknown command or option, missing parameter, a value of the wrong kind (a negative offset, an
   * invalid path, a directory where a file is needed); also a deletion that was not confirmed.
   */
  public static final int USAGE = 2;
  /** A path (in the backend, or a local file) does not exist. */
  public static final int NOT_FOUND = 3;
  /**
   * The configuration is wrong: the file is missing or not HOCON, the driver is unknown, a parameter is missing,
   * misspelt or not allowed, or a plug-in cannot be read.
   */
  public static final int CONFIG = 4;
  /** The backend did not answer or failed transiently (unreachable endpoint, timeout, 5xx): try again later. */
  public static final int UNAVAILABLE = 5;
  /** The backend refused access (file permissions, credentials). */
  public static final int PERMISSION_DENIED = 6;
  /** Interrupted (Ctrl-C, 128 + SIGINT): a copy stopped cleanly and can be resumed by running it again. */
  public static final int INTERRUPTED = 130;

  private ExitCodes() {}

  /** The exit code for a failure. */
  static int of(Throwable failure) {
    // Drivers that probe their endpoint at start-up may call a refused connection a configuration error; for a
    // script "unreachable, try later" is the more useful answer.
    if (unreachable(failure)) {
      return UNAVAILABLE;
    }
    if (failure instanceof CliException e) {
      return e.exitCode();
    }
    if (failure instanceof StorageDriverException e) {
      return of(e.code());
    }
    if (failure instanceof ConfigException) {
      return CONFIG;
    }
    if (failure instanceof NoSuchFileException) {
      return NOT_FOUND;
    }
    if (failure instanceof AccessDeniedException) {
      return PERMISSION_DENIED;
    }
    return FAILURE;
  }

  private static boolean unreachable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof UnknownHostException
          || t instanceof SocketTimeoutException || t instanceof HttpConnectTimeoutException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static int of(ErrorCode code) {
    return switch (code) {
      case PATH_NOT_FOUND -> NOT_FOUND;
      case INVALID_PATH, INVALID_OFFSET -> USAGE;
      case INVALID_CONFIG -> CONFIG;
      case UNAVAILABLE -> UNAVAILABLE;
      case PERMISSION_DENIED -> PERMISSION_DENIED;
      default -> FAILURE;
    };
  }
}
