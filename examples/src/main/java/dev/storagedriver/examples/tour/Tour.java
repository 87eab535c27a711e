package dev.storagedriver.examples.tour;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.storagedriver.FileInfo;
import dev.storagedriver.FileWriter;
import dev.storagedriver.PathNotFoundException;
import dev.storagedriver.RedirectMethod;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDriverException;
import dev.storagedriver.StorageDriverRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.util.Optional;

/**
 * Example 1, choose a driver in config. Opens the driver that {@code storagedriver.driver} names in {@code
 * application.conf} (or a {@code -D} system property) through the registry, and takes a short tour: put, a
 * streamed write with commit, list, walk, stat, move, a redirect URL where the driver offers one, and delete.
 *
 * <pre>{@code
 * java -jar examples/target/storagedriver-tour.jar                           # filesystem, under ./data/tour
 * java -Dstoragedriver.driver=oss -jar examples/target/storagedriver-tour.jar  # OSS, emulated in-process
 * java -Dstoragedriver.driver=zip -jar examples/target/storagedriver-tour.jar  # the zip driver of example 2
 * }</pre>
 */
public final class Tour {
  /** Everything the tour writes is below this directory, and it deletes it at the end. */
  static final String HOME = "/tour";

  private final StorageDriver driver;
  private final PrintStream out;

  private Tour(StorageDriver driver, PrintStream out) {
    this.driver = driver;
    this.out = out;
  }

  /** Runs the tour on the configured driver; exits 1 with a one-line message if the driver fails. */
  public static void main(String[] args) {
    int status = run(ConfigFactory.load(), System.out, System.err);
    // the embedded emulator's threads are gone by now, but a driver's pool may linger: end promptly
    System.exit(status);
  }

  /** The tour on the driver {@code config} names; returns the exit status. */
  static int run(Config config, PrintStream out, PrintStream err) {
    Optional<EmbeddedOss> oss = EmbeddedOss.startIfNeeded(config);
    try {
      Config effective = oss.map(EmbeddedOss::config).orElse(config);
      oss.ifPresent(o -> out.println("started the OSS emulator at " + o.endpoint() + " (no endpoint configured)"));
      try (StorageDriver driver = StorageDriverRegistry.load().open(effective)) {
        out.printf("opened driver \"%s\"; optional capabilities: %s%n", driver.name(), driver.capabilities());
        new Tour(driver, out).take();
      }
      return 0;
    } catch (IOException e) {
      err.println("tour: " + e.getMessage());
      return 1;
    } finally {
      oss.ifPresent(EmbeddedOss::close);
    }
  }

  private void take() throws IOException {
    clearLeftoversOfAnEarlierRun();

    byte[] hello = "Hello, storage!\n".getBytes(StandardCharsets.UTF_8);
    driver.putContent(HOME + "/hello.txt", hello);
    step("put", HOME + "/hello.txt", hello.length + " bytes in one call");

    // A stream write is invisible until commit, then appears whole: no reader sees half a file.
    String log = HOME + "/logs/today.log";
    try (FileWriter writer = driver.writer(log, false)) {
      for (String line : new String[] {"started\n", "working\n", "done\n"}) {
        writer.write(line.getBytes(StandardCharsets.UTF_8));
      }
      writer.commit();
      step("write", log, "3 chunks, " + writer.size() + " bytes, then commit");
    }

    step("list", HOME, String.join(", ", driver.list(HOME)));

    driver.walk(HOME, info -> {
      step("walk", info.path(), info.isDirectory() ? "directory" : "file, " + info.size() + " bytes");
      return FileVisitResult.CONTINUE;
    });

    FileInfo stat = driver.stat(log);
    step("stat", log, stat.size() + " bytes, modified " + stat.modTime());

    String archived = HOME + "/archive/hello.txt";
    driver.move(HOME + "/hello.txt", archived);
    step("move", HOME + "/hello.txt", "-> " + archived + " (now reads \""
        + new String(driver.getContent(archived), StandardCharsets.UTF_8).trim() + "\")");

    Optional<URI> url = driver.redirectUrl(archived, RedirectMethod.GET);
    step("url", archived, url.map(URI::toString)
        .orElse("none: " + driver.name() + " offers no redirect URL, the application serves the bytes"));

    driver.delete(HOME);
    step("delete", HOME, "and everything below it; " + HOME + " is gone: " + isGone(HOME));
  }

  private void clearLeftoversOfAnEarlierRun() throws StorageDriverException {
    try {
      driver.delete(HOME);
      step("delete", HOME, "left over from an earlier run");
    } catch (PathNotFoundException e) {
      // the usual case: nothing to clear
    }
  }

  private boolean isGone(String path) throws StorageDriverException {
    try {
      driver.stat(path);
      return false;
    } catch (PathNotFoundException e) {
      return true;
    }
  }

  private void step(String operation, String path, String what) {
    out.printf("  %-7s %-28s %s%n", operation, path, what);
  }
}
