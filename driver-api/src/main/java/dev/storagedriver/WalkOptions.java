package dev.storagedriver;

import java.util.Optional;

/**
 * Options of {@link StorageDriver#walk}.
 *
 * @param startAfter if present, a path: the walk visits only paths after it in {@link StoragePaths#WALK_ORDER}
 *     (the path itself and its ancestors are not visited; its descendants are). It need not exist. A driver may
 *     use it to skip listing what comes before; the result is the same either way.
 */
public record WalkOptions(Optional<String> startAfter) {
  /** No options: walk everything. */
  public static final WalkOptions DEFAULTS = new WalkOptions(Optional.empty());

  /**
   * Checks the fields.
   *
   * @param startAfter the path to start after, or empty to walk everything
   * @throws NullPointerException if {@code startAfter} is null
   */
  public WalkOptions {
    java.util.Objects.requireNonNull(startAfter, "startAfter");
  }

  /**
   * Walk only what comes after {@code path} in walk order.
   *
   * @param path an absolute path; it need not exist
   * @return the options
   */
  public static WalkOptions startAfter(String path) {
    return new WalkOptions(Optional.of(path));
  }
}
