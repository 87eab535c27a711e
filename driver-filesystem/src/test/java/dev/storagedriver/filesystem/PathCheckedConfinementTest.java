package dev.storagedriver.filesystem;

import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDrivers;
import java.nio.file.Path;

/**
 * The same planted links, with resolution by path and checks at each level, as on a file system without secure
 * directory streams (Windows): every planted link is refused just the same (the race guarantee is what differs).
 */
class PathCheckedConfinementTest extends ConfinementTest {
  @Override
  StorageDriver open(Path root) throws Exception {
    return StorageDrivers.portable(FilesystemBackend.open(root, FilesystemDriver.DEFAULT_MAX_THREADS, false));
  }
}
