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
 * @param purging Distribution's {@code uploadpurging}: pending writes purged by age in the background
 * @param legacyTails whether to resume writes from the tails the first release of the OSS driver kept at {@code
 *     <root>/~uploads/<path>/<uploadId>} (now an ordinary path); only the OSS driver sets it
 */
public record ObjectStoreSettings(String driverName, String rootDirectory, int chunkSize, int uploadConcurrency,
    int maxRetries, Duration retryDelay, long multipartCopyThreshold, long multipartCopyChunkSize,
    int multipartCopyConcurrency, Duration redirectExpiry, Purging purging, boolean legacyTails) {
  /**
   * Distribution's {@code uploadpurging}: every {@code interval} (first at a random moment within the first
   * min(interval, 1 h), so processes started together do not purge together), the pending writes last changed
   * more than {@code age} ago are purged, or on a dry run only logged.
   *
   * @param enabled whether to purge at all
   * @param age how old a pending write must be to go
   * @param interval the pause between rounds
   * @param dryRun log what would go and remove nothing
   */
  public record Purging(boolean enabled, Duration age, Duration interval, boolean dryRun) {
    /** No background purging. */
    public static final Purging DISABLED = new Purging(false, Duration.ofDays(7), Duration.ofDays(1), false);

    /**
     * Checks the durations.
     *
     * @param enabled whether to purge at all
     * @param age how old a pending write must be to go
     * @param interval the pause between rounds
     * @param dryRun log what would go and remove nothing
     * @throws NullPointerException if a duration is null
     * @throws IllegalArgumentException if the interval is not positive
     */
    public Purging {
      Objects.requireNonNull(age, "age");
      Objects.requireNonNull(interval, "interval");
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("the purging interval must be positive: " + interval);
      }
    }
  }

  /**
   * Settings without background purging or legacy tails.
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
   */
  public ObjectStoreSettings(String driverName, String rootDirectory, int chunkSize, int uploadConcurrency,
      int maxRetries, Duration retryDelay, long multipartCopyThreshold, long multipartCopyChunkSize,
      int multipartCopyConcurrency, Duration redirectExpiry) {
    this(driverName, rootDirectory, chunkSize, uploadConcurrency, maxRetries, retryDelay, multipartCopyThreshold,
        multipartCopyChunkSize, multipartCopyConcurrency, redirectExpiry, Purging.DISABLED, false);
  }

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
   * @param purging background purging of pending writes
   * @param legacyTails whether to resume from the OSS driver's first-release tails
   * @throws NullPointerException if a name, directory, duration or purging is null
   * @throws IllegalArgumentException if a size or count is out of range
   */
  public ObjectStoreSettings {
    Objects.requireNonNull(driverName, "driverName");
    Objects.requireNonNull(rootDirectory, "rootDirectory");
    Objects.requireNonNull(retryDelay, "retryDelay");
    Objects.requireNonNull(redirectExpiry, "redirectExpiry");
    Objects.requireNonNull(purging, "purging");
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
