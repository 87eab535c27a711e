package dev.storagedriver.cli;

import com.typesafe.config.Config;
import dev.storagedriver.StorageDriver;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Runs the conformance kit against the configured backend through the JUnit Platform launcher. */
@Command(name = "tck", description = {"Run the conformance kit against the --config backend and print a report: "
    + "a line per failed or skipped test, then the counts. Exit 1 if any test failed.",
    "The kit writes and deletes files: with a rootdirectory parameter (filesystem, oss) each test works in a "
        + "fresh <rootdirectory>/tck-<uuid>, removed afterwards; other drivers must be configured over an empty "
        + "store. Sizes: -Dstoragedriver.tck.largeStreamSize=5GiB etc. (see TckSettings)."})
final class TckCommand implements Callable<Integer> {
  @ParentCommand
  private Cli cli;

  @Option(names = "--only", paramLabel = "TEXT", description = "Run only the tests whose name contains TEXT.")
  private String only;

  @Override
  public Integer call() throws Exception {
    PrintStream out = cli.io().out();
    Config config = cli.backends().load(cli.configFile());
    KitTarget target = new KitTarget(cli.backends(), config);
    // Fail once, clearly, on a bad configuration or an unreachable backend, not once per test.
    try (StorageDriver probe = target.open(target.freshConfig())) {
      probe.list("/");
      out.printf("running the conformance kit against driver \"%s\" (capabilities %s)%n", probe.name(),
          probe.capabilities());
    } finally {
      target.cleanUp();
    }
    Report report = new Report(out, cli.verbose());
    ConfiguredDriverTck.target = target;
    try {
      LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
          .selectors(DiscoverySelectors.selectClass(ConfiguredDriverTck.class));
      if (only != null) {
        request.filters(onlyNamesContaining(only));
      }
      Launcher launcher = LauncherFactory.create();
      launcher.execute(request.build(), report);
    } finally {
      ConfiguredDriverTck.target = null;
      target.cleanUp();
    }
    out.println(report.summary());
    if (report.passed + report.failed == 0 && only != null) {
      throw new CliException(ExitCodes.USAGE, "no kit test name contains \"" + only + "\"");
    }
    return report.failed == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
  }

  private static PostDiscoveryFilter onlyNamesContaining(String text) {
    // Class containers stay; a method (a test, or a parameterised test's container) must match.
    return descriptor -> descriptor.getSource().filter(MethodSource.class::isInstance)
        .map(s -> ((MethodSource) s).getMethodName().contains(text)).orElse(descriptor.isContainer())
        ? FilterResult.included("matches") : FilterResult.excluded("does not contain " + text);
  }

  /** Counts and prints results as they come. */
  static final class Report implements TestExecutionListener {
    private final PrintStream out;
    private final boolean verbose;
    private final long started = System.nanoTime();
    int passed;
    int failed;
    int skipped;

    Report(PrintStream out, boolean verbose) {
      this.out = out;
      this.verbose = verbose;
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
      if (test.isTest()) {
        skipped++;
        out.println("SKIP  " + name(test) + ": " + oneLine(reason));
      }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
      String why = result.getThrowable().map(t -> oneLine(Main.message(t))).orElse("");
      if (!test.isTest()) {
        // a failing container (a class-level error) fails the run too
        if (result.getStatus() == TestExecutionResult.Status.FAILED) {
          failed++;
          out.println("FAIL  " + test.getDisplayName() + ": " + why);
        }
        return;
      }
      switch (result.getStatus()) {
        case SUCCESSFUL -> {
          passed++;
          if (verbose) {
            out.println("PASS  " + name(test));
          }
        }
        case ABORTED -> {
          skipped++; // an unmet assumption: the driver lacks the capability, and the reason says which
          out.println("SKIP  " + name(test) + ": " + why);
        }
        case FAILED -> {
          failed++;
          out.println("FAIL  " + name(test) + ": " + why);
        }
        default -> { }
      }
    }

    String summary() {
      return String.format(Locale.ROOT, "kit: %d passed, %d failed, %d skipped (%.1f s)%s", passed, failed,
          skipped, (System.nanoTime() - started) / 1e9, failed == 0 ? "" : " -- FAILED");
    }

    /** The method name, plus the parameter for a parameterised test. */
    private static String name(TestIdentifier test) {
      String method = test.getSource().filter(MethodSource.class::isInstance)
          .map(s -> ((MethodSource) s).getMethodName()).orElse(test.getDisplayName());
      String display = test.getDisplayName();
      return display.startsWith(method) ? method : method + " [" + display + "]";
    }

    private static String oneLine(String text) {
      String line = text.replaceAll("\\s+", " ").strip();
      return line.length() > 300 ? line.substring(0, 297) + "..." : line;
    }
  }
}
