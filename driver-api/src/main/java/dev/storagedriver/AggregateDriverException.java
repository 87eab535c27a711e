package dev.storagedriver;

import java.util.List;

/**
 * Several parts of one operation failed (for example some keys of a recursive delete). What did not fail was
 * done; {@link #causes()} lists every failure, and each is also attached as a suppressed exception so stack
 * traces show them.
 */
public final class AggregateDriverException extends StorageDriverException {
  /** Every failure, in the order they happened. */
  private final List<StorageDriverException> causes;

  /**
   * Creates the exception; {@code causes} must not be empty.
   *
   * @param driverName the driver whose operation partly failed
   * @param path the path the operation was for (the directory of a recursive delete, say), or null
   * @param causes every failure, in the order they happened; copied
   * @throws IllegalArgumentException if {@code causes} is empty
   */
  public AggregateDriverException(String driverName, String path, List<? extends StorageDriverException> causes) {
    super(driverName, path, summary(causes), null);
    this.causes = List.copyOf(causes);
    this.causes.forEach(this::addSuppressed);
  }

  private static String summary(List<? extends StorageDriverException> causes) {
    if (causes.isEmpty()) {
      throw new IllegalArgumentException("an aggregate needs at least one cause");
    }
    return causes.size() + " operation(s) failed, first: " + causes.get(0).getMessage();
  }

  /**
   * Every failure, in the order they happened.
   *
   * @return the failures, never empty, unmodifiable
   */
  public List<StorageDriverException> causes() {
    return causes;
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.MULTIPLE;
  }
}
