package dev.storagedriver.s3;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDriverException;
import dev.storagedriver.StorageDriverRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.utils.AttributeMap;

/** The S3 servers the tests run against, all on 127.0.0.1, and driver configurations that point at them. */
final class S3Servers {
  static final String BUCKET = "test-bucket";
  static final String ACCESS_KEY = "test-access-key";
  static final String SECRET_KEY = "test-secret-key-not-for-logs";
  private static final AtomicInteger ROOTS = new AtomicInteger();

  private S3Servers() {}

  /** A running S3 server with one empty bucket. */
  interface Server extends AutoCloseable {
    /** The base URL. */
    URI endpoint();

    /** The HTTPS base URL with a self-signed certificate, if the server has one. */
    default URI httpsEndpoint() {
      throw new UnsupportedOperationException(this + " serves no HTTPS");
    }

    @Override
    void close();
  }

  /** A fresh root directory, so every driver made with it starts over an empty store. */
  static String freshRoot() {
    return "/root" + ROOTS.incrementAndGet() + "-" + System.nanoTime() + "/registry";
  }

  /**
   * S3 keys hold 1,024 UTF-8 bytes and the root prefix ({@code rootdirectory} without its leading slash, plus
   * {@code /}) shares them; the path's own leading slash is not in its key.
   */
  static int maxPathBytes(String root) {
    int prefix = root.substring(1).getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1;
    return Math.min(dev.storagedriver.StoragePaths.MAX_PATH_BYTES, 1024 - prefix + 1);
  }

  /** The parameters for {@code server}, small chunks, plus {@code extra} ("key", value, ...; null removes). */
  static Map<String, Object> parameters(Server server, String root, Object... extra) {
    Map<String, Object> p = new HashMap<>();
    p.put("accesskey", ACCESS_KEY);
    p.put("secretkey", SECRET_KEY);
    p.put("region", "us-east-1");
    p.put("regionendpoint", server.endpoint().toString());
    p.put("forcepathstyle", true);
    p.put("bucket", BUCKET);
    p.put("rootdirectory", root);
    p.put("chunksize", "5MiB");
    p.put("uploadconcurrency", 2);
    p.put("maxretries", 3);
    p.put("connecttimeout", "2s");
    p.put("sockettimeout", "20s");
    p.put("multipartcopythresholdsize", "6MiB");
    p.put("multipartcopychunksize", "5MiB");
    p.put("multipartcopymaxconcurrency", 4);
    for (int i = 0; i < extra.length; i += 2) {
      if (extra[i + 1] == null) {
        p.remove((String) extra[i]);
      } else {
        p.put((String) extra[i], extra[i + 1]);
      }
    }
    return p;
  }

  static Config config(Map<String, Object> parameters) {
    Map<String, Object> full = new HashMap<>();
    parameters.forEach((k, v) -> full.put("storagedriver.s3." + k, v));
    return ConfigFactory.parseMap(full);
  }

  /** A driver opened the way applications open it: by name, through the registry. */
  static StorageDriver open(Server server, String root, Object... extra) throws StorageDriverException {
    return StorageDriverRegistry.load().open("s3", config(parameters(server, root, extra)));
  }

  /** A plain SDK client for {@code server}, to look behind the driver's back. */
  static S3Client rawClient(Server server) {
    return S3Client.builder()
        .httpClient(Apache5HttpClient.builder().buildWithDefaults(AttributeMap.builder()
            .put(SdkHttpConfigurationOption.TRUST_ALL_CERTIFICATES, Boolean.TRUE).build()))
        .region(Region.US_EAST_1)
        .endpointOverride(server.endpoint())
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        // S3Proxy 2.7.0 refuses the SDK's default (an aws-chunked body with a CRC trailer): 400, "x-amz-content-sha256
        // does not match"
        .requestChecksumCalculation(software.amazon.awssdk.core.checksums.RequestChecksumCalculation.WHEN_REQUIRED)
        .build();
  }

  /** S3Proxy in this JVM, on a jclouds blob store: {@code transient} (memory) or {@code filesystem}. */
  static Server s3proxy(String provider) {
    try {
      Path dir = Files.createTempDirectory("s3proxy-");
      Properties properties = new Properties();
      properties.setProperty("jclouds.filesystem.basedir", dir.toString());
      BlobStoreContext context = ContextBuilder.newBuilder(provider)
          .credentials("identity", "credential")
          .overrides(properties)
          .build(BlobStoreContext.class);
      context.getBlobStore().createContainerInLocation(null, BUCKET);
      S3Proxy proxy = S3Proxy.builder()
          .blobStore(context.getBlobStore())
          .endpoint(URI.create("http://127.0.0.1:0"))
          .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
          // S3Proxy 2.7.0 refuses the x-amz-checksum-crc32 header that the SDK (2.30 and later) puts on
          // DeleteObjects even with checksum = when_required ("Unknown header", 501); the request also carries
          // Content-MD5, which S3Proxy checks.
          .ignoreUnknownHeaders(true)
          .build();
      proxy.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!AbstractLifeCycle.STARTED.equals(proxy.getState())) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("S3Proxy did not start");
        }
        Thread.sleep(10);
      }
      URI endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
      return new Server() {
        @Override
        public URI endpoint() {
          return endpoint;
        }

        @Override
        public void close() {
          try {
            proxy.stop();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          } finally {
            context.close();
            deleteTree(dir);
          }
        }

        @Override
        public String toString() {
          return "S3Proxy(" + provider + ")";
        }
      };
    } catch (Exception e) {
      throw new IllegalStateException("could not start S3Proxy", e);
    }
  }

  /**
   * Adobe S3Mock, run from its self-contained jar as a child process this JVM owns: HTTP, and HTTPS with its
   * self-signed certificate on 127.0.0.1. S3Mock binds its HTTP connector to all interfaces (it has no setting
   * for the address; only the HTTPS one honours server.address): the tests give it a random free port and connect
   * to 127.0.0.1 only. The kit uses HTTP, because it fetches redirect URLs with the JDK's client, which would
   * refuse the self-signed certificate.
   */
  static Server s3mock() {
    String jar = System.getProperty("s3mock.jar");
    if (jar == null || !Files.isRegularFile(Paths.get(jar))) {
      throw new IllegalStateException("system property s3mock.jar must name S3Mock's exec jar (set by the pom)");
    }
    try {
      // One folder holds all the child leaves behind (its buckets, its log, the temporary files its ObjectService
      // makes in java.io.tmpdir), so close() removes everything.
      Path home = Files.createTempDirectory("s3mock-");
      Path root = Files.createDirectory(home.resolve("buckets"));
      Path tmp = Files.createDirectory(home.resolve("tmp"));
      Path log = home.resolve("s3mock.log");
      int httpsPort = freePort();
      int httpPort = freePort();
      List<String> command = new ArrayList<>(List.of(
          Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djava.io.tmpdir=" + tmp,
          "-jar", jar,
          "--server.address=127.0.0.1",
          "--server.port=" + httpsPort,
          "--com.adobe.testing.s3mock.httpPort=" + httpPort,
          "--com.adobe.testing.s3mock.domain.initialBuckets=" + BUCKET,
          "--com.adobe.testing.s3mock.domain.root=" + root,
          "--com.adobe.testing.s3mock.domain.retainFilesOnExit=false",
          "--spring.main.banner-mode=off",
          "--logging.level.root=WARN"));
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
      URI endpoint = URI.create("http://127.0.0.1:" + httpPort);
      URI https = URI.create("https://127.0.0.1:" + httpsPort);
      waitForPort(process, httpsPort, log, Duration.ofSeconds(90));
      waitForPort(process, httpPort, log, Duration.ofSeconds(30));
      return new Server() {
        @Override
        public URI endpoint() {
          return endpoint;
        }

        @Override
        public URI httpsEndpoint() {
          return https;
        }

        @Override
        public void close() {
          process.destroy();
          try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
              process.destroyForcibly();
            }
          } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
          }
          deleteTree(home);
        }

        @Override
        public String toString() {
          return "S3Mock";
        }
      };
    } catch (IOException e) {
      throw new UncheckedIOException("could not start S3Mock", e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void waitForPort(Process process, int port, Path log, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("S3Mock exited with " + process.exitValue() + ":\n" + Files.readString(log));
      }
      try (java.net.Socket s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (IOException notYet) {
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException("S3Mock did not listen on port " + port + " in " + timeout);
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Temporary files only.
    }
  }
}
