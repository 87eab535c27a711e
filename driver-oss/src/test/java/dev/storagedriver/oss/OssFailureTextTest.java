package dev.storagedriver.oss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;
import com.aliyun.oss.OSSException;
import com.sun.net.httpserver.HttpServer;
import dev.storagedriver.DriverException;
import dev.storagedriver.ErrorCode;
import dev.storagedriver.FileWriter;
import dev.storagedriver.InvalidConfigException;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDrivers;
import dev.storagedriver.oss.emulator.OssEmulator;
import dev.storagedriver.spi.DriverConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * What failures say: never a secret or an STS token (in messages, causes, or the log), and at start-up the
 * endpoint with the likely fix.
 */
class OssFailureTextTest {
  private static final String SECRET = "RIGHT-SECRET-VALUE";
  private static final String TOKEN = "STS-TOKEN-VALUE-0123456789";

  /** Everything an exception carries as text: every message and toString along causes and suppressed ones. */
  private static String allText(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return w.toString();
  }

  @Test
  void signatureErrorWithAnStsToken_leavesNoTokenInTheExceptionChainOrTheLog() throws Exception {
    try (OssEmulator sts = OssEmulator.builder().bucket(EmulatorFixture.BUCKET)
        .credentials("STS-AK", SECRET, TOKEN).build().start()) {
      Map<String, Object> p = Map.of("accesskeyid", "STS-AK", "accesskeysecret", "WRONG-SECRET-VALUE",
          "securitytoken", TOKEN, "endpoint", sts.endpoint(), "bucket", EmulatorFixture.BUCKET,
          "region", sts.region(), "signatureversion", "v1", "rootdirectory", "/r", "maxretries", 0);
      // The server does echo the token: the SDK's own exception carries it, so the check below can fail.
      OSS raw = new OSSClientBuilder().build(sts.endpoint(), "STS-AK", "WRONG-SECRET-VALUE", TOKEN);
      try {
        assertThatThrownBy(() -> raw.getObject(EmulatorFixture.BUCKET, "r/x"))
            .isInstanceOf(OSSException.class).hasMessageContaining(TOKEN);
      } finally {
        raw.shutdown();
      }
      DriverConfig config = new DriverConfig("oss", EmulatorFixture.config(p));
      OssConfig parsed = OssConfig.parse(config);
      List<String> logs = new CopyOnWriteArrayList<>();
      Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
          logs.add(r.getMessage() + " " + java.util.Arrays.toString(r.getParameters()) + " "
              + (r.getThrown() == null ? "" : allText(r.getThrown())));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
      java.util.logging.Logger.getLogger("").addHandler(capture);
      PrintStream err = System.err;
      ByteArrayOutputStream stderr = new ByteArrayOutputStream();
      System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
      List<Throwable> thrown = new ArrayList<>();
      try (StorageDriver driver = StorageDrivers.portable(
          OssDriverFactory.backend(OssClients.build(parsed, config, Map.of()), parsed))) {
        List<Executable> calls = List.of(
            () -> driver.getContent("/x"),
            () -> driver.putContent("/x", new byte[] {1}),
            () -> driver.stat("/x"),
            () -> driver.list("/"),
            () -> driver.delete("/x"),
            () -> driver.move("/x", "/y"),
            () -> driver.reader("/x", 5).close(),
            () -> driver.walk("/", info -> java.nio.file.FileVisitResult.CONTINUE),
            () -> driver.pendingWrites("/"),
            () -> {
              try (FileWriter w = driver.writer("/x", false)) {
                w.write(new byte[(5 << 20) + 1]);
                w.commit();
              }
            },
            () -> driver.writer("/x", true).close());
        for (Executable call : calls) {
          try {
            call.execute();
          } catch (Throwable t) {
            thrown.add(t);
          }
        }
      } finally {
        System.setErr(err);
        java.util.logging.Logger.getLogger("").removeHandler(capture);
      }
      assertThat(thrown).hasSize(11).allSatisfy(t -> {
        assertThat(t).isInstanceOfSatisfying(DriverException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED));
        assertThat(allText(t)).contains("SignatureDoesNotMatch").doesNotContain(TOKEN).doesNotContain(SECRET)
            .doesNotContain("WRONG-SECRET-VALUE");
      });
      assertThat(logs).noneMatch(l -> l.contains(TOKEN) || l.contains("WRONG-SECRET-VALUE"));
      assertThat(stderr.toString(StandardCharsets.UTF_8)).doesNotContain(TOKEN).doesNotContain("WRONG-SECRET");
    }
  }

  @Test
  void endpointWithoutScheme_againstPlainHttp_saysToWriteHttpOrSetSecure() throws Exception {
    try (EmulatorFixture fixture = new EmulatorFixture()) {
      String hostPort = fixture.emulator.endpoint().substring("http://".length());
      assertThatThrownBy(() -> fixture.open("v4", "/x", "endpoint", hostPort, "maxretries", 0))
          .isInstanceOfSatisfying(DriverException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE))
          .hasMessageContaining("https://" + hostPort)
          .hasMessageContaining("http://" + hostPort)
          .hasMessageContaining("storagedriver.oss.secure");
    }
  }

  @Test
  void serverThatIsNotOss_isAConfigErrorNamingTheEndpoint() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      byte[] body = "<html><body>Not Found</body></html>".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(404, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    try (EmulatorFixture fixture = new EmulatorFixture()) {
      String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
      assertThatThrownBy(() -> fixture.open("v4", "/x", "endpoint", endpoint, "maxretries", 0))
          .isInstanceOfSatisfying(InvalidConfigException.class,
              e -> assertThat(e.key()).isEqualTo("storagedriver.oss.endpoint"))
          .hasMessageContaining(endpoint)
          .hasMessageContaining("did not answer like OSS");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void redirectExpiry_aboveSevenDays_isRefusedForV4_andAllowedForV1() throws Exception {
    Map<String, Object> v4 = Map.of("bucket", "my-bucket", "region", "cn-hangzhou", "redirectexpiry", "8d");
    assertThatThrownBy(() -> OssConfig.parse(new DriverConfig("oss", EmulatorFixture.config(v4))))
        .isInstanceOfSatisfying(InvalidConfigException.class,
            e -> assertThat(e.key()).isEqualTo("storagedriver.oss.redirectexpiry"))
        .hasMessageContaining("7d");
    Map<String, Object> week = Map.of("bucket", "my-bucket", "region", "cn-hangzhou", "redirectexpiry", "7d");
    assertThat(OssConfig.parse(new DriverConfig("oss", EmulatorFixture.config(week))).redirectExpiry)
        .hasDays(7);
    Map<String, Object> v1 = Map.of("bucket", "my-bucket", "region", "cn-hangzhou", "redirectexpiry", "30d",
        "signatureversion", "v1");
    assertThat(OssConfig.parse(new DriverConfig("oss", EmulatorFixture.config(v1))).redirectExpiry)
        .hasDays(30);
  }
}
