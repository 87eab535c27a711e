package dev.storagedriver.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Which uncommitted writes at copy destinations this tool started, and for which source. An uncommitted write
 * cannot be read back, so nothing at the destination tells whether it holds the start of this source: it may be
 * another program's upload, or an interrupted copy of another file to the same path, and resuming it would commit
 * its bytes followed by the rest of the source. So a copy records, before it writes, the source it copies (store,
 * path, size, modification time) under a name made from the destination, forgets it when the write commits or is
 * cancelled, and a later run resumes a kept write only where the record names the same source, unchanged.
 *
 * <p>The records are small files in a local directory ({@link #defaultDirectory()}); a run on another machine, or
 * with the directory gone or unwritable, finds none and starts the file over, which is always safe. Only files of
 * at least {@link #MIN_SIZE} bytes are recorded: resuming a smaller one saves too little to be worth two file
 * operations per copied file.
 */
final class ResumeJournal {
  /** The system property naming the directory, for a run that must not use the user's. */
  static final String DIRECTORY_PROPERTY = "storagedriver.statedir";

  /** Smaller files are never resumed (and never recorded). */
  static final long MIN_SIZE = 1 << 20;

  private final Path directory;

  /** @param directory where the records are kept; created on first use */
  ResumeJournal(Path directory) {
    this.directory = directory.resolve("partial-writes");
  }

  /**
   * {@code -Dstoragedriver.statedir}, else {@code $XDG_STATE_HOME/storagedriver}, else {@code
   * ~/.local/state/storagedriver}.
   */
  static Path defaultDirectory() {
    String property = System.getProperty(DIRECTORY_PROPERTY);
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    String xdg = System.getenv("XDG_STATE_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "storagedriver");
    }
    return Path.of(System.getProperty("user.home"), ".local", "state", "storagedriver");
  }

  /**
   * Records that the write to {@code destination} is of {@code source}. Best effort: a record that cannot be
   * written only means the write will not be resumed.
   *
   * @param destination the destination store and path, as one string
   * @param source the source store, path, size and time, as one string
   */
  void record(String destination, String source) {
    try {
      Files.createDirectories(directory);
      Path file = file(destination);
      Path temp = Files.createTempFile(directory, "record", ".tmp");
      Files.writeString(temp, source, StandardCharsets.UTF_8);
      Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      forget(destination); // an older record must not vouch for this write
    }
  }

  /** Whether the kept write to {@code destination} was started by this tool for {@code source} as it is now. */
  boolean recorded(String destination, String source) {
    try {
      return Files.readString(file(destination), StandardCharsets.UTF_8).equals(source);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** The write to {@code destination} committed or was dropped: nothing left to resume. */
  void forget(String destination) {
    try {
      Files.deleteIfExists(file(destination));
    } catch (IOException | RuntimeException e) {
      // a record left behind names a source; it vouches only for a write of that very source
    }
  }

  private Path file(String destination) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(destination.getBytes(StandardCharsets.UTF_8));
      return directory.resolve(HexFormat.of().formatHex(hash));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
