package dev.storagedriver.examples.zipdriver;

import com.google.auto.service.AutoService;
import dev.storagedriver.StorageDriverException;
import dev.storagedriver.spi.DriverConfig;
import dev.storagedriver.spi.StorageBackend;
import dev.storagedriver.spi.StorageDriverFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Registers the {@code zip} driver. Parameters ({@code storagedriver.zip}, see its {@code reference.conf}):
 * {@code file}, the archive (required; created on the first write), and {@code compress}, whether entries are
 * deflated (default false).
 */
@AutoService(StorageDriverFactory.class)
public final class ZipDriverFactory implements StorageDriverFactory {
  /** For {@link java.util.ServiceLoader}. */
  public ZipDriverFactory() {}

  @Override
  public String name() {
    return ZipBackend.NAME;
  }

  @Override
  public StorageBackend create(DriverConfig config) throws StorageDriverException {
    String given = config.getString("file");
    boolean compress = config.getBoolean("compress", false);
    Path file;
    try {
      file = Path.of(given).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw config.invalid("file", "a file path", e);
    }
    // Fail at start-up, not at the first write: the directory must exist or be creatable, and an existing
    // file must be an archive we can read.
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw config.invalid("file", "a path whose directory exists or can be created (" + e + ")", e);
    }
    if (Files.isDirectory(file)) {
      throw config.invalid("file", "a file, not a directory", null);
    }
    ZipArchive archive = new ZipArchive(file, compress);
    try {
      archive.index();
    } catch (IOException e) {
      throw config.invalid("file", "a ZIP archive or a path where one can be created (" + e.getMessage() + ")", e);
    }
    return new ZipBackend(archive);
  }
}
