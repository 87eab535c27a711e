package dev.storagedriver.examples.digestlayer;

import dev.storagedriver.DriverException;
import dev.storagedriver.ErrorCode;
import dev.storagedriver.FileWriter;
import dev.storagedriver.spi.ForwardingBackend;
import dev.storagedriver.spi.ForwardingFileWriter;
import dev.storagedriver.spi.StorageBackend;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The layer: checks content against the digest its path names, on the way in (putContent, a writer's commit) and
 * on the way out (getContent, a reader from offset 0 when it reaches the end). Paths the pattern does not match
 * pass untouched.
 */
final class DigestCheckBackend extends ForwardingBackend {
  private final Pattern pattern;

  DigestCheckBackend(StorageBackend below, Pattern pattern) {
    super(below);
    this.pattern = pattern;
  }

  private Optional<String> expected(String path) {
    Matcher m = pattern.matcher(path);
    return m.matches() ? Optional.of(m.group("digest").toLowerCase(java.util.Locale.ROOT)) : Optional.empty();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private DriverException corrupted(String what, String path, String expected, byte[] actual) {
    return new DriverException(name(), path, ErrorCode.CORRUPTED, what + " " + path + ": content hashes to sha256:"
        + HexFormat.of().formatHex(actual) + ", the path names sha256:" + expected + " (layer digestcheck)", null);
  }

  private void check(String what, String path, String expected, byte[] actual) throws DriverException {
    if (!MessageDigest.isEqual(HexFormat.of().parseHex(expected), actual)) {
      throw corrupted(what, path, expected, actual);
    }
  }

  @Override
  public byte[] getContent(String path) throws IOException {
    byte[] content = super.getContent(path);
    Optional<String> expected = expected(path);
    if (expected.isPresent()) {
      check("getContent", path, expected.get(), sha256().digest(content));
    }
    return content;
  }

  @Override
  public void putContent(String path, byte[] content) throws IOException {
    Optional<String> expected = expected(path);
    if (expected.isPresent()) {
      check("putContent", path, expected.get(), sha256().digest(content));
    }
    super.putContent(path, content);
  }

  @Override
  public InputStream reader(String path, long offset) throws IOException {
    InputStream in = super.reader(path, offset);
    Optional<String> expected = expected(path);
    if (expected.isEmpty() || offset != 0) {
      return in; // a ranged read cannot be checked without the bytes before it
    }
    MessageDigest digest = sha256();
    return new FilterInputStream(in) {
      private boolean checked;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
          digest.update(b, off, n);
        } else if (n < 0 && !checked) {
          checked = true;
          check("read", path, expected.get(), digest.digest());
        }
        return n;
      }

      @Override
      public long skip(long n) throws IOException {
        // Skipped bytes must be hashed too, so skip by reading.
        long left = n;
        byte[] buffer = new byte[8192];
        while (left > 0) {
          int r = read(buffer, 0, (int) Math.min(buffer.length, left));
          if (r < 0) {
            break;
          }
          left -= r;
        }
        return n - left;
      }
    };
  }

  @Override
  public FileWriter writer(String path, boolean append) throws IOException {
    FileWriter w = super.writer(path, append);
    Optional<String> expected = expected(path);
    if (expected.isEmpty()) {
      return w;
    }
    if (w.size() > 0) {
      // Bytes of an earlier session are not readable before commit: check them by reading the result back.
      return new ForwardingFileWriter(w) {
        @Override
        public void commit() throws IOException {
          w.commit();
          try {
            getContent(path);
          } catch (DriverException e) {
            if (e.code() == ErrorCode.CORRUPTED) {
              delete(path);
            }
            throw e;
          }
        }
      };
    }
    MessageDigest digest = sha256();
    return new ForwardingFileWriter(w) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        w.write(b, off, len);
        digest.update(b, off, len);
      }

      @Override
      public void commit() throws IOException {
        byte[] actual = digest.digest();
        if (!MessageDigest.isEqual(HexFormat.of().parseHex(expected.get()), actual)) {
          w.cancel();
          throw corrupted("commit", path, expected.get(), actual);
        }
        w.commit();
      }
    };
  }
}
