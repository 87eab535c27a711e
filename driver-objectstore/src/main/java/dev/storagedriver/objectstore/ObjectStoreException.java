package dev.storagedriver.objectstore;

import java.io.IOException;

/**
 * A failed raw request, classified by the {@link ObjectStore} implementation so the shared code can decide what
 * to retry and how to type the failure. The message holds only what is safe to show (the store's error code, the
 * HTTP status, a request id): never a key's signature, a credential or a raw error body.
 */
public final class ObjectStoreException extends IOException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, as far as the shared code needs to know. */
  public enum Kind {
    /** The object does not exist. */
    NOT_FOUND,
    /**
     * The bucket does not exist (misspelt in the configuration, or deleted): never a missing object, or every
     * read would call files absent and every write a bad path.
     */
    NO_SUCH_BUCKET,
    /** The multipart upload does not exist (completed, aborted or purged). */
    NO_SUCH_UPLOAD,
    /** The credentials are refused or lack the permission. */
    DENIED,
    /** A transient failure worth trying again: throttling, a 5xx, a reset connection, a timeout. */
    TRANSIENT,
    /** A body was damaged in transit (the store or the client found a checksum mismatch). */
    CORRUPTED,
    /** A ranged read started at or past the end of the object. */
    RANGE_NOT_SATISFIABLE,
    /** A conditional request's condition (If-Match) failed: the object changed. */
    PRECONDITION_FAILED,
    /** The store does not implement the request (HTTP 501). */
    NOT_IMPLEMENTED,
    /** The object or request is larger than the store takes in one request (EntityTooLarge). */
    TOO_LARGE,
    /** The request was refused as invalid (a key too long, an argument the store does not accept). */
    INVALID,
    /** Anything else. */
    OTHER
  }

  /** What went wrong. */
  private final Kind kind;

  /**
   * A classified failure.
   *
   * @param kind what went wrong
   * @param message what is safe to show: the operation, the store's error code, the status, a request id
   * @param cause the SDK's exception, kept for its stack trace
   */
  public ObjectStoreException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  /**
   * What went wrong.
   *
   * @return the kind of failure
   */
  public Kind kind() {
    return kind;
  }

  /**
   * Whether trying the same idempotent request again may succeed.
   *
   * @return true for {@link Kind#TRANSIENT} and {@link Kind#CORRUPTED}
   */
  public boolean retryable() {
    return kind == Kind.TRANSIENT || kind == Kind.CORRUPTED;
  }
}
