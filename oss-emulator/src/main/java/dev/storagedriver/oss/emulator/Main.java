package dev.storagedriver.oss.emulator;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The standalone emulator: {@code java -jar oss-emulator.jar --port 9000 --access-key-id AK --access-key-secret SK}.
 * Prints the endpoint, serves until Ctrl-C (SIGINT/SIGTERM), then stops cleanly.
 */
@Command(name = "oss-emulator", mixinStandardHelpOptions = true, sortOptions = false,
    description = "A local Alibaba Cloud OSS-compatible server.")
public final class Main {
  @Option(names = "--port", description = "Port to listen on, 0 for any (default: ${DEFAULT-VALUE}).")
  int port = 9000;

  @Option(names = "--host", description = "Address to bind (default: ${DEFAULT-VALUE}).")
  String host = "127.0.0.1";

  @Option(names = "--access-key-id", description = "Accepted access key id (default: "
      + OssEmulator.DEFAULT_ACCESS_KEY_ID + ").")
  String accessKeyId;

  @Option(names = "--access-key-secret", description = "Its secret (default: " + OssEmulator.DEFAULT_ACCESS_KEY_SECRET
      + ").")
  String accessKeySecret;

  @Option(names = "--security-token", description = "STS token that requests must also carry.")
  String securityToken;

  @Option(names = "--anonymous", description = "Accept unsigned requests.")
  boolean anonymous;

  @Option(names = "--data", paramLabel = "DIR", description = "Keep buckets and objects in files under DIR "
      + "(kept across restarts) instead of memory.")
  Path data;

  @Option(names = "--region",
      description = "Region of the buckets, required in V4 credential scopes (default: ${DEFAULT-VALUE}).")
  String region = "cn-hangzhou";

  @Option(names = "--bucket", paramLabel = "NAME", description = "Bucket to create at start; repeatable.")
  List<String> buckets = new ArrayList<>();

  @Option(names = "--virtual-host-domain", paramLabel = "DOMAIN",
      description = "Serve Host: <bucket>.DOMAIN virtual-hosted style (localhost always is); repeatable.")
  List<String> domains = new ArrayList<>();

  Main() {}

  /** Parses {@code args}, starts the emulator and prints its endpoint; null when only help/version was asked. */
  static OssEmulator start(String[] args, PrintStream out) {
    Main m = new Main();
    CommandLine cl = new CommandLine(m);
    CommandLine.ParseResult parsed = cl.parseArgs(args);
    if (cl.isUsageHelpRequested()) {
      cl.usage(out);
      return null;
    }
    if (cl.isVersionHelpRequested()) {
      cl.printVersionHelp(out);
      return null;
    }
    if ((m.accessKeyId == null) != (m.accessKeySecret == null)) {
      throw new CommandLine.ParameterException(cl, "--access-key-id and --access-key-secret go together");
    }
    OssEmulator.Builder b = OssEmulator.builder().host(m.host).port(m.port).anonymous(m.anonymous)
        .region(m.region).dataDirectory(m.data).bucket(m.buckets.toArray(new String[0]));
    if (m.accessKeyId != null) {
      b.credentials(m.accessKeyId, m.accessKeySecret, m.securityToken);
    }
    m.domains.forEach(b::virtualHostDomain);
    OssEmulator emulator = b.build().start();
    out.println("OSS emulator listening on " + emulator.endpoint() + " (access key id " + emulator.accessKeyId()
        + ", storage " + (m.data == null ? "memory" : m.data.toAbsolutePath()) + ")");
    out.flush();
    assert parsed != null;
    return emulator;
  }

  /**
   * Runs until interrupted; exit code 2 on bad arguments.
   *
   * @param args the options {@code --help} lists
   * @throws InterruptedException when the process is interrupted, after the emulator has stopped
   */
  public static void main(String[] args) throws InterruptedException {
    OssEmulator emulator;
    try {
      emulator = start(args, System.out);
    } catch (CommandLine.ParameterException e) {
      System.err.println(e.getMessage());
      e.getCommandLine().usage(System.err);
      System.exit(2);
      return;
    }
    if (emulator == null) {
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      emulator.close();
      System.out.println("OSS emulator stopped");
      stopped.countDown();
    }, "oss-emulator-shutdown"));
    stopped.await();
  }
}
