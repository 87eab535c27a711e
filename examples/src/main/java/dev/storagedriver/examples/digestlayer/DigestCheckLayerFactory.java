package dev.storagedriver.examples.digestlayer;

import com.google.auto.service.AutoService;
import dev.storagedriver.StorageDriverException;
import dev.storagedriver.spi.DriverConfig;
import dev.storagedriver.spi.StorageBackend;
import dev.storagedriver.spi.StorageLayerFactory;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code digestcheck}: a third-party layer that holds content-addressed paths to their address. A path that
 * {@code pattern} matches names the SHA-256 of its content in the pattern's group {@code digest} (a Docker
 * registry's blob paths, {@code .../blobs/sha256/ab/ab12.../data}, by default); content that does not hash to it is
 * never stored and never returned, but refused with {@link dev.storagedriver.ErrorCode#CORRUPTED}.
 */
@AutoService(StorageLayerFactory.class)
public final class DigestCheckLayerFactory implements StorageLayerFactory {
  /** For {@link java.util.ServiceLoader}. */
  public DigestCheckLayerFactory() {}

  @Override
  public String name() {
    return "digestcheck";
  }

  @Override
  public StorageBackend create(StorageBackend below, DriverConfig config) throws StorageDriverException {
    String regex = config.getString("pattern");
    Pattern pattern;
    try {
      pattern = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw config.invalid("pattern", "a regular expression with a group named digest", e);
    }
    if (!regex.contains("(?<digest>")) {
      throw config.invalid("pattern", "a regular expression with a group named digest, (?<digest>...)", null);
    }
    return new DigestCheckBackend(below, pattern);
  }
}
