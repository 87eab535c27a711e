package dev.storagedriver.benchmarks;

import com.typesafe.config.ConfigFactory;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDriverRegistry;
import dev.storagedriver.filesystem.FilesystemDriver;
import dev.storagedriver.inmemory.InMemoryStore;
import dev.storagedriver.oss.emulator.OssEmulator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.opendal.WriteOptions;

/**
 * What the subjects run against, one per JVM: the data directory, and the OSS emulator (in-process, in-memory, on
 * 127.0.0.1). Subjects are named {@code backend:kind}, e.g. {@code filesystem:nio}.
 */
final class BenchEnv {
  /**
   * Every subject, in table order: per backend, our driver, the driver under a layer stack ({@link LayerStack}),
   * the baseline, then the peers.
   */
  static final List<String> ALL_SUBJECTS = List.of(
      "inmemory:driver", "inmemory:stack", "inmemory:map", "inmemory:opendal", "inmemory:jclouds",
      "filesystem:driver", "filesystem:stack", "filesystem:nio", "filesystem:opendal", "filesystem:jclouds",
      "oss:driver", "oss:sdk", "oss:opendal",
      "s3:driver", "s3:sdk", "s3:opendal");
  /**
   * Subjects run only when named with {@code --subjects}: the bare driver inside one OpenTelemetry SDK span per
   * call ({@link SpanFloorSubject}), the floor under the layer stack's tracing cost; and the filesystem driver's
   * confinement design alone ({@link HandleFloorSubject}), the floor under its get and stat.
   */
  static final List<String> FLOOR_SUBJECTS = List.of("inmemory:span", "filesystem:span", "filesystem:handles");

  static final String BUCKET = "bench";
  /** The OSS driver's defaults, used by the driver and mirrored by the SDK baseline and OpenDAL. */
  static final int OSS_CHUNK = 10 * 1024 * 1024;
  static final int OSS_CONCURRENCY = 4;
  /** Virtual-hosted domain for OpenDAL's OSS service; needs {@code 127.0.0.1 bench.osslocal.test} resolvable. */
  static final String OSS_VHOST_DOMAIN = "osslocal.test";

  /** The S3 driver's part size and parallelism in these runs, mirrored by the SDK baseline and OpenDAL. */
  static final int S3_CHUNK = 10 * 1024 * 1024;
  static final int S3_CONCURRENCY = 4;
  static final String S3_ACCESS_KEY = "bench-access";
  static final String S3_SECRET_KEY = "bench-secret";

  private static OssEmulator emulator;
  private static S3ProxyServer s3proxy;

  private BenchEnv() {}

  /** Where on-disk data sets and write targets live; {@code -Dbench.dir}, default {@code target/bench-data}. */
  static Path dataDir() {
    return Path.of(System.getProperty("bench.dir", "target/bench-data")).toAbsolutePath();
  }

  static String backend(String subject) {
    return subject.substring(0, subject.indexOf(':'));
  }

  static String kind(String subject) {
    return subject.substring(subject.indexOf(':') + 1);
  }

  /** The root shared by the filesystem driver, the NIO baseline and OpenDAL fs (one layout: key = path). */
  static Path fsRoot() {
    return dataDir().resolve("fs");
  }

  /** jclouds keeps metadata in extended attributes, so it gets its own base directory written by itself. */
  static Path jcloudsBase() {
    return dataDir().resolve("jclouds");
  }

  static synchronized OssEmulator emulator() {
    if (emulator == null) {
      emulator = OssEmulator.builder().bucket(BUCKET).virtualHostDomain(OSS_VHOST_DOMAIN).build().start();
    }
    return emulator;
  }

  /** One S3Proxy per JVM, on jclouds' in-memory store, on 127.0.0.1; the subjects all talk to it. */
  static synchronized S3ProxyServer s3proxy() throws Exception {
    if (s3proxy == null) {
      s3proxy = S3ProxyServer.start(BUCKET, S3_ACCESS_KEY, S3_SECRET_KEY);
    }
    return s3proxy;
  }

  /** Stops this JVM's S3Proxy, if started. */
  static synchronized void closeS3Proxy() {
    if (s3proxy != null) {
      s3proxy.close();
      s3proxy = null;
    }
  }

  /** Stops this JVM's emulator, if started: its event loop would keep a forked JVM from exiting. */
  static synchronized void closeEmulator() {
    if (emulator != null) {
      emulator.close();
      emulator = null;
    }
  }

  /**
   * Lets this forked JVM exit as soon as JMH's main thread is done, called once everything is closed. Netty starts
   * a non-daemon thread while the emulator's event loops shut down that lingers for a second of quiet (as do
   * OpenDAL's native threads for half a second), and JMH waits for the fork to exit before starting the next:
   * about a second per OSS fork, half a minute of a quick run. Results are sent before main returns.
   */
  static void exitWhenJmhIsDone() {
    if (!System.getProperty("sun.java.command", "").startsWith("org.openjdk.jmh.runner.ForkedMain")) {
      return; // not a fork (-f 0): the host decides how it exits
    }
    Thread jmhMain = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("main")).findFirst().orElse(null);
    if (jmhMain == null) {
      return;
    }
    Thread exit = new Thread(() -> {
      try {
        jmhMain.join();
        System.exit(0);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "bench-exit-when-done");
    exit.setDaemon(true);
    exit.start();
  }

  /** Why OpenDAL's OSS service cannot run here, or empty if it can. */
  static Optional<String> openDalOssUnavailable() {
    try {
      InetAddress a = InetAddress.getByName(BUCKET + "." + OSS_VHOST_DOMAIN);
      if (!a.isLoopbackAddress()) {
        return Optional.of(BUCKET + "." + OSS_VHOST_DOMAIN + " resolves to " + a + ", not loopback");
      }
      return Optional.empty();
    } catch (UnknownHostException e) {
      return Optional.of("OpenDAL's OSS service addresses buckets only virtual-hosted and "
          + BUCKET + "." + OSS_VHOST_DOMAIN + " does not resolve; add '127.0.0.1 " + BUCKET + "."
          + OSS_VHOST_DOMAIN + " " + OSS_VHOST_DOMAIN + "' to /etc/hosts to include it");
    }
  }

  /** Opens {@code subject}. */
  static Subject open(String subject) throws Exception {
    String backend = backend(subject);
    String kind = kind(subject);
    switch (backend) {
      case "inmemory":
        switch (kind) {
          case "driver":
            return new DriverSubject(new InMemoryStore(0).newDriver(), null);
          case "stack":
            return new DriverSubject(LayerStack.open(new InMemoryStore(0).backend()), null);
          case "span":
            return LayerStack.spanFloor(new InMemoryStore(0).newDriver());
          case "map":
            return new MapSubject();
          case "opendal":
            return new OpenDalSubject("memory", Map.of("root", "/"), null);
          case "jclouds":
            return new JcloudsSubject("transient", null);
          default:
            break;
        }
        break;
      case "filesystem":
        Files.createDirectories(fsRoot());
        switch (kind) {
          case "driver":
            return new DriverSubject(FilesystemDriver.open(fsRoot()), null);
          case "stack":
            return new DriverSubject(LayerStack.open(FilesystemDriver.backend(fsRoot(),
                FilesystemDriver.DEFAULT_MAX_THREADS)), null);
          case "span":
            return LayerStack.spanFloor(FilesystemDriver.open(fsRoot()));
          case "nio":
            return new NioSubject(fsRoot());
          case "handles":
            return new HandleFloorSubject(fsRoot());
          case "opendal":
            return new OpenDalSubject("fs", Map.of("root", fsRoot().toString()), null);
          case "jclouds":
            Files.createDirectories(jcloudsBase());
            return new JcloudsSubject("filesystem", jcloudsBase());
          default:
            break;
        }
        break;
      case "oss":
        OssEmulator e = emulator();
        switch (kind) {
          case "driver":
            return new DriverSubject(openOssDriver(e), null);
          case "sdk":
            return new OssSdkSubject(e.endpoint(), e.region(), e.accessKeyId(), e.accessKeySecret(), BUCKET,
                OSS_CHUNK, OSS_CONCURRENCY);
          case "opendal":
            Optional<String> why = openDalOssUnavailable();
            if (why.isPresent()) {
              throw new IllegalStateException("SKIPPED: " + why.get());
            }
            Map<String, String> c = new HashMap<>();
            c.put("bucket", BUCKET);
            c.put("endpoint", "http://" + OSS_VHOST_DOMAIN + ":" + e.port());
            c.put("access_key_id", e.accessKeyId());
            c.put("access_key_secret", e.accessKeySecret());
            c.put("root", "/");
            return new OpenDalSubject("oss", c,
                WriteOptions.builder().chunk(OSS_CHUNK).concurrent(OSS_CONCURRENCY).build());
          default:
            break;
        }
        break;
      case "s3":
        S3ProxyServer p = s3proxy();
        switch (kind) {
          case "driver":
            return new DriverSubject(openS3Driver(p), null);
          case "sdk":
            return new S3SdkSubject(p.endpoint(), S3_ACCESS_KEY, S3_SECRET_KEY, BUCKET, S3_CHUNK, S3_CONCURRENCY);
          case "opendal":
            Map<String, String> c = new HashMap<>();
            c.put("bucket", BUCKET);
            c.put("endpoint", p.endpoint().toString());
            c.put("region", "us-east-1");
            c.put("access_key_id", S3_ACCESS_KEY);
            c.put("secret_access_key", S3_SECRET_KEY);
            c.put("root", "/");
            return new OpenDalSubject("s3", c,
                WriteOptions.builder().chunk(S3_CHUNK).concurrent(S3_CONCURRENCY).build());
          default:
            break;
        }
        break;
      default:
        break;
    }
    throw new IllegalArgumentException("unknown subject " + subject + "; known: " + ALL_SUBJECTS + " and "
        + FLOOR_SUBJECTS);
  }

  static StorageDriver openS3Driver(S3ProxyServer p) throws IOException {
    Map<String, Object> c = new HashMap<>();
    c.put("storagedriver.s3.accesskey", S3_ACCESS_KEY);
    c.put("storagedriver.s3.secretkey", S3_SECRET_KEY);
    c.put("storagedriver.s3.regionendpoint", p.endpoint().toString());
    c.put("storagedriver.s3.region", "us-east-1");
    c.put("storagedriver.s3.forcepathstyle", true);
    c.put("storagedriver.s3.bucket", BUCKET);
    c.put("storagedriver.s3.chunksize", String.valueOf(S3_CHUNK));
    c.put("storagedriver.s3.uploadconcurrency", S3_CONCURRENCY);
    return StorageDriverRegistry.load().open("s3", ConfigFactory.parseMap(c));
  }

  static StorageDriver openOssDriver(OssEmulator e) throws IOException {
    return openOssDriver(e.endpoint(), e.region(), e.accessKeyId(), e.accessKeySecret());
  }

  /** The OSS driver with the benchmark's settings against the emulator at {@code endpoint}. */
  static StorageDriver openOssDriver(String endpoint, String region, String accessKeyId, String secret)
      throws IOException {
    Map<String, Object> c = new HashMap<>();
    c.put("storagedriver.oss.accesskeyid", accessKeyId);
    c.put("storagedriver.oss.accesskeysecret", secret);
    c.put("storagedriver.oss.endpoint", endpoint);
    c.put("storagedriver.oss.region", region);
    c.put("storagedriver.oss.bucket", BUCKET);
    c.put("storagedriver.oss.secure", false);
    c.put("storagedriver.oss.chunksize", String.valueOf(OSS_CHUNK));
    c.put("storagedriver.oss.uploadconcurrency", OSS_CONCURRENCY);
    return StorageDriverRegistry.load().open("oss", ConfigFactory.parseMap(c));
  }
}
