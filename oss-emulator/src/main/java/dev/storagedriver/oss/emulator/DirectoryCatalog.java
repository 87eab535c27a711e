package dev.storagedriver.oss.emulator;

import dev.storagedriver.oss.emulator.Model.Bucket;
import dev.storagedriver.oss.emulator.Model.Meta;
import dev.storagedriver.oss.emulator.Model.StoredObject;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Persists metadata under {@code DIR/buckets/<bucket>/}: one properties file per object, named by the SHA-256 of
 * its key (keys can hold any character), written to a temp file and moved into place. At start it reloads buckets
 * and objects and deletes blobs nothing refers to (parts of uploads that were in progress, interrupted writes).
 */
final class DirectoryCatalog implements Catalog {
  /** The file in a bucket's directory that holds its creation settings (object metadata files end in .meta). */
  private static final String SETTINGS = "bucket.settings";

  private final Path buckets;
  private final Path blobs;
  private final Path tmp;

  DirectoryCatalog(Path dir) {
    this.buckets = dir.resolve("buckets");
    this.blobs = dir.resolve("blobs");
    this.tmp = dir.resolve("tmp");
  }

  /** Loads the saved state into {@code store} and removes unreferenced blob and temp files. */
  void load(Store store) throws IOException {
    Files.createDirectories(buckets);
    Set<Path> referenced = new HashSet<>();
    try (Stream<Path> dirs = Files.list(buckets)) {
      for (Path d : (Iterable<Path>) dirs::iterator) {
        String name = d.getFileName().toString();
        Bucket b = new Bucket(name, Files.getLastModifiedTime(d).toMillis(), readSettings(d));
        try (Stream<Path> metas = Files.list(d)) {
          for (Path m : (Iterable<Path>) metas::iterator) {
            if (m.getFileName().toString().equals(SETTINGS)) {
              continue;
            }
            if (!m.getFileName().toString().endsWith(".meta")) {
              Files.deleteIfExists(m);
              continue;
            }
            StoredObject o = read(m);
            if (Files.exists(((DirectoryBlobStore.FileBlob) o.blob()).path)) {
              b.objects.put(o.key(), o);
              referenced.add(((DirectoryBlobStore.FileBlob) o.blob()).path.getFileName());
            } else {
              Files.deleteIfExists(m);
            }
          }
        }
        store.buckets.put(name, b);
      }
    }
    for (Path dir : new Path[] {blobs, tmp}) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          if (dir == tmp || !referenced.contains(f.getFileName())) {
            Files.deleteIfExists(f);
          }
        }
      }
    }
  }

  @Override
  public void bucketCreated(Bucket bucket) {
    Properties p = new Properties();
    p.setProperty("storageClass", bucket.settings.storageClass());
    p.setProperty("dataRedundancyType", bucket.settings.dataRedundancyType());
    try {
      Path d = Files.createDirectories(buckets.resolve(bucket.name));
      try (Writer w = Files.newBufferedWriter(d.resolve(SETTINGS), StandardCharsets.UTF_8)) {
        p.store(w, null);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A bucket's settings; a bucket directory written before settings were kept has the defaults. */
  private static Model.BucketSettings readSettings(Path bucketDir) throws IOException {
    Path f = bucketDir.resolve(SETTINGS);
    if (!Files.exists(f)) {
      return Model.BucketSettings.DEFAULT;
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    return new Model.BucketSettings(p.getProperty("storageClass", "Standard"),
        p.getProperty("dataRedundancyType", "LRS"));
  }

  @Override
  public void bucketDeleted(String bucket) {
    try {
      Files.deleteIfExists(buckets.resolve(bucket).resolve(SETTINGS));
      Files.deleteIfExists(buckets.resolve(bucket));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void objectWritten(String bucket, StoredObject o) {
    Properties p = new Properties();
    p.setProperty("key", o.key());
    p.setProperty("blob", ((DirectoryBlobStore.FileBlob) o.blob()).path.getFileName().toString());
    p.setProperty("size", Long.toString(o.size()));
    p.setProperty("etag", o.etag());
    p.setProperty("crc", Long.toUnsignedString(o.crc()));
    p.setProperty("lastModified", Long.toString(o.lastModified()));
    p.setProperty("type", o.type());
    p.setProperty("contentType", o.meta().contentType());
    p.setProperty("storageClass", o.meta().storageClass());
    o.meta().headers().forEach((k, v) -> p.setProperty("h." + k, v));
    o.meta().user().forEach((k, v) -> p.setProperty("m." + k, v));
    Path t = tmp.resolve(UUID.randomUUID() + ".meta");
    try {
      try (Writer w = Files.newBufferedWriter(t, StandardCharsets.UTF_8)) {
        p.store(w, null);
      }
      Files.move(t, metaFile(bucket, o.key()), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void objectDeleted(String bucket, String key) {
    try {
      Files.deleteIfExists(metaFile(bucket, key));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path metaFile(String bucket, String key) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return buckets.resolve(bucket).resolve(HexFormat.of().formatHex(h) + ".meta");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private StoredObject read(Path m) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(m, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    Map<String, String> user = new TreeMap<>();
    for (String name : p.stringPropertyNames()) {
      if (name.startsWith("h.")) {
        headers.put(name.substring(2), p.getProperty(name));
      } else if (name.startsWith("m.")) {
        user.put(name.substring(2), p.getProperty(name));
      }
    }
    Meta meta = new Meta(p.getProperty("contentType"), headers, user, p.getProperty("storageClass"));
    Blob blob = new DirectoryBlobStore.FileBlob(blobs.resolve(p.getProperty("blob")),
        Long.parseLong(p.getProperty("size")));
    return new StoredObject(p.getProperty("key"), blob, p.getProperty("etag"),
        Long.parseUnsignedLong(p.getProperty("crc")), Long.parseLong(p.getProperty("lastModified")),
        p.getProperty("type"), meta);
  }
}
