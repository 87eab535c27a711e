package dev.storagedriver;

import dev.storagedriver.spi.StorageBackend;
import dev.storagedriver.spi.TreeWalk;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Optional;

/**
 * The walk for backends without a native one: list each directory, stat each child the walk needs. A child that
 * vanishes between list and stat was deleted mid-walk and is skipped.
 */
final class GenericWalk implements TreeWalk.Tree<String> {
  private final StorageBackend backend;

  private GenericWalk(StorageBackend backend) {
    this.backend = backend;
  }

  static void walk(StorageBackend backend, String from, WalkVisitor visitor, WalkOptions options)
      throws IOException {
    TreeWalk.walk(from, new GenericWalk(backend), visitor, options);
  }

  @Override
  public List<String> children(String path, String directory) throws IOException {
    return backend.list(path);
  }

  @Override
  public String name(String childPath) {
    return StoragePaths.name(childPath);
  }

  @Override
  public Optional<FileInfo> stat(String path, String entry) throws IOException {
    try {
      return Optional.of(backend.stat(path));
    } catch (NoSuchFileException | PathNotFoundException e) {
      return Optional.empty();
    }
  }
}
