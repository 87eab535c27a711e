package dev.storagedriver.objectstore;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link ObjectStoreBackend} uses an {@link ObjectStore}: the driver's parsed parameters that are not about
 * one request.
 *
 * @param driverName the registered driver name, put in every error
 * @param rootDirectory the key prefix everything lives under, with or without slashes ("" or "/" for the bucket's
 *     top)
 * @param chunkSize the size of every part of a multipart upload but the last; a write of at most this many bytes
 *     is one PUT
 * @param uploadConcurrency how many parts one writer uploads at once
 * @param maxRetries how many times an idempotent request is tried again after a retryable failure
 * @param retryDelay the pause before the first retry; it doubles with every further one, up to 2 seconds
 * @param multipartCopyThreshold objects larger than this are moved by a multipart copy
 * @param multipartCopyChunkSize the size of each part of a multipart copy
 * @param multipartCopyConcurrency how many parts a multipart copy copies at once
 * @param redirectExpiry how long redirect URLs stay valid
 */
public record ObjectStoreSettings(String driverName, String rootDirectory, int chunkSize, int uploadConcurrency,
    int maxRetries, Duration retryDelay, long multipartCopyThreshold, long multipartCopyChunkSize,
    int multipartCopyConcurrency, Duration redirectExpiry) {
  /**
   * Checks the settings.
   *
   * @param driverName the registered driver name
   * @param rootDirectory the key prefix everything lives under
   * @param chunkSize the part size of multipart uploads
   * @param uploadConcurrency parts one writer uploads at once
   * @param maxRetries retries of an idempotent request
   * @param retryDelay the pause before the first retry
   * @param multipartCopyThreshold the size above which moves copy in parts
   * @param multipartCopyChunkSize the part size of a multipart copy
   * @param multipartCopyConcurrency parts a multipart copy copies at once
   * @param redirectExpiry how long redirect URLs stay valid
   * @throws NullPointerException if a name, directory or duration is null
   * @throws IllegalArgumentException if a size or count is out of range
   */
  public ObjectStoreSettings {
    Objects.requireNonNull(driverName, "driverName");
    Objects.requireNonNull(rootDirectory, "rootDirectory");
    Objects.requireNonNull(retryDelay, "retryDelay");
    Objects.requireNonNull(redirectExpiry, "redirectExpiry");
    if (chunkSize < 1 || uploadConcurrency < 1 || maxRetries < 0 || multipartCopyChunkSize < 1
        || multipartCopyConcurrency < 1 || multipartCopyThreshold < 0) {
      throw new IllegalArgumentException("sizes and counts must be positive: " + this);
    }
  }

  /**
   * The key prefix of the root directory: without a leading slash, with a trailing one unless empty.
   *
   * @return "" or {@code "dir/sub/"}
   */
  public String rootPrefix() {
    String root = rootDirectory;
    while (root.startsWith("/")) {
      root = root.substring(1);
    }
    while (root.endsWith("/")) {
      root = root.substring(0, root.length() - 1);
    }
    return root.isEmpty() ? "" : root + "/";
  }
}
