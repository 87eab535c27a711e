package dev.storagedriver.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The filesystem baseline in plain java.nio, at the durability the filesystem driver promises: write a temp file,
 * {@code force} it, move it over the target atomically, {@code force} the directory. Reads use a {@code
 * FileChannel}. A key {@code /a/b} is the file {@code <root>/a/b}, the driver's layout.
 */
final class NioSubject implements Subject {
  private static final AtomicLong TEMP = new AtomicLong();

  private final Path root;
  private final Path tmp;

  NioSubject(Path root) throws IOException {
    this.root = root;
    this.tmp = root.resolve("~niotmp");
    Files.createDirectories(tmp);
  }

  private Path file(String key) {
    return root.resolve(key.substring(1));
  }

  private void durableReplace(Path temp, Path target) throws IOException {
    Path dir = target.getParent();
    Files.createDirectories(dir);
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    }
  }

  private Path newTemp() {
    return tmp.resolve("t" + TEMP.incrementAndGet());
  }

  @Override
  public void put(String key, byte[] data) throws IOException {
    Path temp = newTemp();
    try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.wrap(data);
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(true);
    }
    durableReplace(temp, file(key));
  }

  @Override
  public byte[] get(String key) throws IOException {
    try (FileChannel ch = FileChannel.open(file(key), StandardOpenOption.READ)) {
      long size = ch.size();
      byte[] out = new byte[(int) size];
      ByteBuffer b = ByteBuffer.wrap(out);
      while (b.hasRemaining() && ch.read(b) >= 0) {
        // fill
      }
      return out;
    }
  }

  @Override
  public long stat(String key) throws IOException {
    return Files.readAttributes(file(key), BasicFileAttributes.class).size();
  }

  @Override
  public void streamWrite(String key, byte[] chunk, long total) throws IOException {
    Path temp = newTemp();
    try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (long done = 0; done < total; done += chunk.length) {
        ByteBuffer b = ByteBuffer.wrap(chunk, 0, (int) Math.min(chunk.length, total - done));
        while (b.hasRemaining()) {
          ch.write(b);
        }
      }
      ch.force(true);
    }
    durableReplace(temp, file(key));
  }

  @Override
  public long streamRead(String key, byte[] buffer) throws IOException {
    long n = 0;
    ByteBuffer b = ByteBuffer.wrap(buffer);
    try (FileChannel ch = FileChannel.open(file(key), StandardOpenOption.READ)) {
      for (int r; (r = ch.read(b.clear())) >= 0; ) {
        n += r;
      }
    }
    return n;
  }

  @Override
  public int list(String dir) throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(file(dir))) {
      for (Path p : s) {
        names.add(p.getFileName().toString());
      }
    }
    Collections.sort(names);
    return names.size();
  }

  @Override
  public int walk(String dir) throws IOException {
    int[] n = {0};
    Files.walkFileTree(file(dir), new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
        n[0]++;
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
        n[0]++;
        return FileVisitResult.CONTINUE;
      }
    });
    return n[0] - 1; // not the starting directory, as the driver's walk
  }

  @Override
  public void deleteTree(String dir) throws IOException {
    deleteRecursively(file(dir));
  }

  static void deleteRecursively(Path start) throws IOException {
    if (!Files.exists(start)) {
      return;
    }
    Files.walkFileTree(start, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
        Files.delete(f);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        Files.delete(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  @Override
  public void close() {}
}
