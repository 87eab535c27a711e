package dev.storagedriver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Standard output that cannot be written (a full disk, a closed pipe): a PrintStream only records the failure, so
 * the tool must look, say so and exit 1 rather than report success for output that never arrived.
 */
class StandardOutputFailureTest {
  @TempDir
  Path dir;

  private CliHarness cli;
  private String config;
  private final AtomicLong attempted = new AtomicLong();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void aStoreWithABigFile() throws Exception {
    cli = new CliHarness(dir);
    config = cli.filesystem("store").toString();
    cli.runWithInput(new byte[4 << 20], "--config", config, "put", "-", "/big");
  }

  /** Runs with a standard output whose every write fails, as on a full disk. */
  private int runIntoAFullDisk(String... args) {
    OutputStream full = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        attempted.addAndGet(len);
        throw new IOException("No space left on device");
      }
    };
    return Main.run(new Io(new ByteArrayInputStream(new byte[0]), new PrintStream(full, true),
        new PrintStream(err, true, StandardCharsets.UTF_8), false), args);
  }

  @Test
  void cat_intoAFullDisk_exits1_sayingSo_andStopsReading() {
    int code = runIntoAFullDisk("--config", config, "cat", "/big");
    assertThat(code).isEqualTo(ExitCodes.FAILURE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("standard output");
    assertThat(attempted.get()).as("bytes offered to the failed output").isLessThan(4 << 20);
  }

  @Test
  void getToStandardOutput_intoAFullDisk_exits1() {
    assertThat(runIntoAFullDisk("--config", config, "get", "/big", "-")).isEqualTo(ExitCodes.FAILURE);
  }

  @Test
  void ls_intoAFullDisk_exits1() {
    assertThat(runIntoAFullDisk("--config", config, "ls", "/")).isEqualTo(ExitCodes.FAILURE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("standard output");
  }
}
