package dev.storagedriver.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
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

  private Main() {}

  /** Runs the tool and exits with its exit code. */
  public static void main(String[] args) {
    Io io = new Io(System.in, System.out, System.err, System.console() != null);
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
    int code = commandLine.execute(args);
    io.out().flush();
    return code;
  }

  private static int usageError(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    err.println("storagedriver: " + e.getMessage());
    err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help'.");
    err.flush();
    return ExitCodes.USAGE;
  }

  /** One line: the message, or the kind of failure when it has none. */
  static String message(Throwable failure) {
    String message = failure.getMessage();
    if (message == null || message.isBlank()) {
      message = failure.getClass().getSimpleName();
    }
    return message.replace('\n', ' ').replace('\r', ' ').strip();
  }
}
