package dev.storagedriver.layers;

import dev.storagedriver.AggregateDriverException;
import dev.storagedriver.DriverException;
import dev.storagedriver.FileInfo;
import dev.storagedriver.FileWriter;
import dev.storagedriver.InvalidOffsetException;
import dev.storagedriver.InvalidPathException;
import dev.storagedriver.PathNotFoundException;
import dev.storagedriver.PendingWrite;
import dev.storagedriver.RedirectMethod;
import dev.storagedriver.StorageDriverException;
import dev.storagedriver.StoragePaths;
import dev.storagedriver.UnsupportedMethodException;
import dev.storagedriver.WalkOptions;
import dev.storagedriver.WalkVisitor;
import dev.storagedriver.spi.DriverConfig;
import dev.storagedriver.spi.ForwardingBackend;
import dev.storagedriver.spi.ForwardingFileWriter;
import dev.storagedriver.spi.StorageBackend;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.function.Function;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The store seen through the directory {@code path}: {@code /a} here is {@code <path>/a} below, and nothing
 * outside {@code path} can be named. Every path that reaches a layer is valid (no {@code ..}, no empty segment), so
 * the joined path is always below {@code path}; a joined path that breaks the path rules (its length) is an
 * {@link dev.storagedriver.ErrorCode#INVALID_PATH} naming the path given. The root always exists here, even
 * before anything is written below {@code path}.
 */
final class PrefixLayer extends ForwardingBackend {
  private final String prefix;
  /** A joined path in a message: the prefix where a word starts, followed by {@code /} or the word's end. */
  private final Pattern inText;

  PrefixLayer(StorageBackend below, DriverConfig config) throws StorageDriverException {
    super(below);
    String given = config.getString("path");
    Optional<String> violation = StoragePaths.violation(given);
    if (violation.isPresent()) {
      throw config.invalid("path", "an absolute path below the root, such as /tenant-a (" + violation.get() + ")",
          null);
    }
    this.prefix = given;
    this.inText = Pattern.compile("(?<![^\\s\"'(\\[,;:])" + Pattern.quote(given) + "(?:/|(?=[\\s\"'),;:\\]]|$))");
  }

  /** The path below for {@code path} here. */
  private String below(String path) throws InvalidPathException {
    String joined = StoragePaths.ROOT.equals(path) ? prefix : prefix + path;
    Optional<String> violation = StoragePaths.violation(joined);
    if (violation.isPresent()) {
      throw new InvalidPathException(name(), path, "under the layer prefix " + prefix + " the path becomes "
          + "invalid: " + violation.get());
    }
    return joined;
  }

  /** The path here for {@code path} below, which is at or below the prefix. */
  private String here(String path) {
    return path.length() == prefix.length() ? StoragePaths.ROOT : path.substring(prefix.length());
  }

  /** A call below, whose typed failures are given the caller's paths on the way out. */
  @FunctionalInterface
  private interface Below<T> {
    T run() throws IOException;
  }

  private <T> T outward(Below<T> call) throws IOException {
    try {
      return call.run();
    } catch (StorageDriverException e) {
      throw asCallerSees(e);
    }
  }

  /**
   * {@code failure} as the caller must see it: a typed failure from below (an invalid offset, a conflict, a
   * refusal by a layer further down) names the joined path, which the caller never gave; it is rebuilt naming the
   * caller's path, its message without the prefix. Untyped failures need nothing: the portable layer names the
   * caller's path when it types them.
   */
  private StorageDriverException asCallerSees(StorageDriverException failure) {
    Optional<String> joined = failure.path();
    if (joined.isEmpty() || !isBelowPrefix(joined.get())) {
      return failure;
    }
    String driver = failure.driverName();
    String path = here(joined.get());
    if (failure instanceof InvalidOffsetException e) {
      return new InvalidOffsetException(driver, path, e.offset());
    }
    if (failure instanceof PathNotFoundException) {
      return new PathNotFoundException(driver, path, failure);
    }
    if (failure instanceof UnsupportedMethodException e) {
      return new UnsupportedMethodException(driver, path, e.method());
    }
    if (failure instanceof InvalidPathException e) {
      return new InvalidPathException(driver, path, withoutPrefix(e.reason()));
    }
    if (failure instanceof AggregateDriverException e) {
      return new AggregateDriverException(driver, path, e.causes().stream().map(this::asCallerSees).toList());
    }
    String message = failure.getMessage();
    if (message.startsWith(driver + ": ")) {
      message = message.substring(driver.length() + 2);
    }
    return new DriverException(driver, path, failure.code(), withoutPrefix(message), failure);
  }

  private boolean isBelowPrefix(String path) {
    return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
  }

  /** {@code text} with every joined path in it (one that starts a word) turned back into the caller's. */
  private String withoutPrefix(String text) {
    return inText.matcher(text).replaceAll("/");
  }

  @Override
  public byte[] getContent(String path) throws IOException {
    return outward(() -> super.getContent(below(path)));
  }

  @Override
  public void putContent(String path, byte[] content) throws IOException {
    outward(() -> {
      super.putContent(below(path), content);
      return null;
    });
  }

  // The streams catch inline rather than through outward(): a read or write should not allocate a lambda.

  @Override
  public InputStream reader(String path, long offset) throws IOException {
    InputStream in = outward(() -> super.reader(below(path), offset));
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        try {
          return in.read();
        } catch (StorageDriverException e) {
          throw asCallerSees(e);
        }
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        try {
          return in.read(b, off, len);
        } catch (StorageDriverException e) {
          throw asCallerSees(e);
        }
      }

      @Override
      public long skip(long n) throws IOException {
        try {
          return in.skip(n);
        } catch (StorageDriverException e) {
          throw asCallerSees(e);
        }
      }

      @Override
      public void close() throws IOException {
        try {
          in.close();
        } catch (StorageDriverException e) {
          throw asCallerSees(e);
        }
      }
    };
  }

  @Override
  public FileWriter writer(String path, boolean append) throws IOException {
    FileWriter w = outward(() -> super.writer(below(path), append));
    return new ForwardingFileWriter(w) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        try {
          w.write(b, off, len);
        } catch (StorageDriverException e) {
          throw asCallerSees(e);
        }
      }

      @Override
      public void flush() throws IOException {
        try {
          w.flush();
        } catch (StorageDriverException e) {
          throw asCallerSees(e);
        }
      }

      @Override
      public void commit() throws IOException {
        try {
          w.commit();
        } catch (StorageDriverException e) {
          throw asCallerSees(e);
        }
      }

      @Override
      public void cancel() throws IOException {
        try {
          w.cancel();
        } catch (StorageDriverException e) {
          throw asCallerSees(e);
        }
      }

      @Override
      public void close() throws IOException {
        try {
          w.close();
        } catch (StorageDriverException e) {
          throw asCallerSees(e);
        }
      }
    };
  }

  @Override
  public FileInfo stat(String path) throws IOException {
    return outward(() -> {
      FileInfo info;
      try {
        info = super.stat(below(path));
      } catch (NoSuchFileException | PathNotFoundException e) {
        if (StoragePaths.ROOT.equals(path)) {
          return FileInfo.directory(StoragePaths.ROOT, Instant.EPOCH);
        }
        throw e;
      }
      if (StoragePaths.ROOT.equals(path) && !info.isDirectory()) {
        // A file at the prefix itself is not in the view, which holds what lies below it: the root always exists.
        return FileInfo.directory(StoragePaths.ROOT, Instant.EPOCH);
      }
      return new FileInfo(path, info.size(), info.modTime(), info.isDirectory());
    });
  }

  @Override
  public List<String> list(String path) throws IOException {
    return outward(() -> {
      List<String> children;
      try {
        children = super.list(below(path));
      } catch (NoSuchFileException | PathNotFoundException e) {
        if (StoragePaths.ROOT.equals(path)) {
          return List.of(); // the root always exists, empty until something is written below the prefix
        }
        throw e;
      }
      List<String> mapped = new ArrayList<>(children.size());
      for (String child : children) {
        mapped.add(here(child));
      }
      return mapped;
    });
  }

  @Override
  public void move(String source, String destination) throws IOException {
    outward(() -> {
      super.move(below(source), below(destination));
      return null;
    });
  }

  @Override
  public void delete(String path) throws IOException {
    outward(() -> {
      super.delete(below(path));
      return null;
    });
  }

  @Override
  public Optional<URI> redirectUrl(String path, RedirectMethod method) throws IOException {
    return outward(() -> super.redirectUrl(below(path), method));
  }

  @Override
  public void walk(String path, WalkVisitor visitor, WalkOptions options) throws IOException {
    WalkOptions mapped = options.startAfter().isPresent()
        ? WalkOptions.startAfter(below(options.startAfter().get())) : options;
    // What the visitor throws is the caller's own and goes back untouched, typed or not.
    Throwable[] fromVisitor = {null};
    WalkVisitor unprefixing = info -> {
      try {
        return visitor.visit(new FileInfo(here(info.path()), info.size(), info.modTime(), info.isDirectory()));
      } catch (IOException | RuntimeException e) {
        fromVisitor[0] = e;
        throw e;
      }
    };
    try {
      super.walk(below(path), unprefixing, mapped);
    } catch (NoSuchFileException | PathNotFoundException e) {
      if (e == fromVisitor[0]) {
        throw e;
      }
      if (!StoragePaths.ROOT.equals(path)) {
        throw e instanceof StorageDriverException typed ? asCallerSees(typed) : e;
      }
    } catch (StorageDriverException e) {
      throw e == fromVisitor[0] ? e : asCallerSees(e);
    }
  }

  @Override
  public List<PendingWrite> pendingWrites(String directory) throws IOException {
    return outward(() -> unprefixed(super.pendingWrites(below(directory))));
  }

  @Override
  public List<PendingWrite> purgePendingWrites(String directory, Instant olderThan) throws IOException {
    return outward(() -> unprefixed(super.purgePendingWrites(below(directory), olderThan)));
  }

  private List<PendingWrite> unprefixed(List<PendingWrite> writes) {
    Function<PendingWrite, PendingWrite> map =
        w -> new PendingWrite(here(w.path()), w.id(), w.size(), w.lastModified());
    return writes.stream().map(map).toList();
  }
}
