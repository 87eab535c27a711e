package dev.storagedriver.filesystem;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.tck.StorageDriverTck;
import dev.storagedriver.tck.TckSettings;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;

/**
 * The whole conformance kit on Jimfs, in its Unix, Windows and macOS configurations: the driver relies on nothing
 * but {@code java.nio.file}, and copes without directory sync (Jimfs cannot open a directory as a channel), with
 * {@code \} separators and with case-insensitive names.
 */
class JimfsTckTest {
  abstract static class OnJimfs extends StorageDriverTck {
    private FileSystem fileSystem;
    private Path root;

    abstract Configuration configuration();

    @Override
    protected StorageDriver newDriver() throws Exception {
      fileSystem = Jimfs.newFileSystem(configuration());
      root = fileSystem.getRootDirectories().iterator().next().resolve("store");
      return FilesystemDriver.open(root);
    }

    @Override
    protected void afterTest() throws Exception {
      fileSystem.close();
    }

    @Override
    protected StorageDriver reopen(StorageDriver current) throws Exception {
      return FilesystemDriver.open(root);
    }

    @Override
    protected TckSettings settings() {
      return TestSettings.fastModTime();
    }
  }

  @Nested
  class Unix extends OnJimfs {
    @Override
    Configuration configuration() {
      return Configuration.unix();
    }
  }

  @Nested
  class Windows extends OnJimfs {
    @Override
    Configuration configuration() {
      return Configuration.windows();
    }
  }

  @Nested
  class MacOs extends OnJimfs {
    @Override
    Configuration configuration() {
      return Configuration.osX();
    }
  }
}
