package dev.storagedriver.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * The entry point of {@code storagedriver}. Every error ends as one line on standard error, {@code
 * storagedriver: <what went wrong>} (with the stack trace only under {@code --verbose}), and an exit code from
 * {@link ExitCodes}.
 */
public final class Main {
  /**
   * The OSS SDK logs every failed request through java.util.logging, several lines each; the tool reports the
   * failure itself, in one line. Held in a field because JUL keeps loggers only weakly.
   */
  private static final Logger SDK_LOG = Logger.getLogger("com.aliyun");

  static {
    SDK_LOG.setLevel(Level.OFF);
  }

  /** The error for standard output that could not be written. */
  static final String OUTPUT_FAILED = "cannot write to standard output (a full disk, or a pipe closed early)";

  private Main() {}

  /**
   * Runs the tool and exits with its exit code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    Io io = new Io(System.in, System.out, System.err, System.console() != null);
    // Ctrl-C runs shutdown hooks; this one lets a copy stop cleanly (see Interruption) before the JVM exits 130.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        io.interruption().requestAndAwait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "storagedriver-interrupt"));
    System.exit(run(io, args));
  }

  /** Runs the tool on {@code io}'s streams; returns the exit code. */
  static int run(Io io, String... args) {
    Cli cli = new Cli(io);
    CommandLine commandLine = new CommandLine(cli);
    commandLine.setOut(new PrintWriter(io.out(), true, StandardCharsets.UTF_8));
    commandLine.setErr(new PrintWriter(io.err(), true, StandardCharsets.UTF_8));
    commandLine.setParameterExceptionHandler(Main::usageError);
    commandLine.setExecutionExceptionHandler((failure, command, parseResult) -> {
      io.err().println("storagedriver: " + message(failure));
      if (cli.verbose()) {
        failure.printStackTrace(io.err());
      }
      return ExitCodes.of(failure);
    });
    commandLine.getSubcommands().values().forEach(Main::withHelp);
    int code = commandLine.execute(args);
    io.out().flush();
    // A PrintStream never throws: it only records that a write failed (a full disk, a closed pipe). Output that
    // never arrived is no success.
    if (code == ExitCodes.OK && io.out().checkError()) {
      io.err().println("storagedriver: " + OUTPUT_FAILED);
      return ExitCodes.FAILURE;
    }
    return code;
  }

  /**
   * Gives {@code command} and its subcommands {@code --help} (and {@code -h}, unless the command uses it for
   * human-readable sizes) and shows every option's default in the help, so a command added later gets both.
   */
  private static void withHelp(CommandLine command) {
    CommandSpec spec = command.getCommandSpec();
    spec.usageMessage().showDefaultValues(true);
    // a flag's default (off) is not shown unless it is stated; state it, so every option shows its default
    for (OptionSpec option : List.copyOf(spec.options())) {
      if (option.arity().max() == 0 && option.defaultValue() == null && !option.usageHelp()
          && !option.versionHelp() && !option.inherited()) {
        spec.remove(option);
        spec.addOption(OptionSpec.builder(option).defaultValue("false").showDefaultValue(Visibility.ALWAYS)
            .build());
      }
    }
    if (!spec.optionsMap().containsKey("--help")) {
      String[] names = spec.optionsMap().containsKey("-h") ? new String[] {"--help"} : new String[] {"-h", "--help"};
      spec.addOption(OptionSpec.builder(names).usageHelp(true).description("Show this help and exit.").build());
    }
    command.getSubcommands().values().forEach(Main::withHelp);
  }

  private static int usageError(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    err.println("storagedriver: " + printable(e.getMessage()));
    err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help'.");
    err.flush();
    return ExitCodes.USAGE;
  }

  /** One line: the message, or the kind of failure when it has none, with control characters escaped. */
  static String message(Throwable failure) {
    String message = failure.getMessage();
    if (message == null || message.isBlank()) {
      message = failure.getClass().getSimpleName();
    }
    return printable(message.strip());
  }

  /**
   * {@code text} safe for a terminal: control characters (line breaks included) and unpaired surrogates escaped,
   * as {@link dev.storagedriver.StoragePaths#printable} does, and also the bidirectional embeddings, overrides and
   * isolates (U+202A to U+202E, U+2066 to U+2069), which are valid in a path but reorder the text shown after them:
   * {@code invoice<U+202E>fdp.exe} would read as {@code invoiceexe.pdf} (Trojan Source, CVE-2021-42574). Joiners and
   * marks that real names in many scripts need are printed as they are.
   */
  static String printable(String text) {
    String safe = dev.storagedriver.StoragePaths.printable(text);
    int i = 0;
    while (i < safe.length() && !reorders(safe.charAt(i))) {
      i++;
    }
    if (i == safe.length()) {
      return safe;
    }
    StringBuilder out = new StringBuilder(safe.length() + 12).append(safe, 0, i);
    for (; i < safe.length(); i++) {
      char c = safe.charAt(i);
      if (reorders(c)) {
        out.append(String.format("\\u%04X", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean reorders(char c) {
    return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
  }
}
