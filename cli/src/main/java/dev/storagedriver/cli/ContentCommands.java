package dev.storagedriver.cli;

import dev.storagedriver.FileWriter;
import dev.storagedriver.PathNotFoundException;
import dev.storagedriver.StorageDriver;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** The commands that move bytes between a backend and this machine: cat, put, get. */
final class ContentCommands {
  private ContentCommands() {}

  @Command(name = "cat", description = "Write a file's content to standard output.")
  static final class Cat implements Callable<Integer> {
    @ParentCommand
    private Cli cli;

    @Parameters(paramLabel = "PATH")
    private String path;

    @Option(names = "--offset", defaultValue = "0", description = "Start at this byte (0 or more).")
    private long offset;

    @Override
    public Integer call() throws Exception {
      Cli.path("PATH", path, false);
      if (offset < 0) {
        throw new CliException(ExitCodes.USAGE, "--offset must be 0 or more, not " + offset);
      }
      try (StorageDriver driver = cli.open(); InputStream in = reader(driver, path, offset)) {
        toStandardOutput(in, cli.io().out());
      }
      return ExitCodes.OK;
    }
  }

  /**
   * Copies {@code in} to standard output, stopping at the first failed write: a PrintStream swallows the failure,
   * and without looking a {@code cat} into a closed pipe would read the whole file for nothing.
   */
  static void toStandardOutput(InputStream in, PrintStream out) throws IOException {
    byte[] buffer = new byte[1 << 16];
    for (int n; (n = in.read(buffer)) > 0; ) {
      out.write(buffer, 0, n);
      if (out.checkError()) {
        throw new CliException(ExitCodes.FAILURE, Main.OUTPUT_FAILED);
      }
    }
    out.flush();
    if (out.checkError()) {
      throw new CliException(ExitCodes.FAILURE, Main.OUTPUT_FAILED);
    }
  }

  /** A reader; a directory is named as one rather than "not found" (the contract's answer for a directory). */
  static InputStream reader(StorageDriver driver, String path, long offset) throws IOException {
    try {
      return driver.reader(path, offset);
    } catch (PathNotFoundException e) {
      if (isDirectory(driver, path)) {
        throw new CliException(ExitCodes.USAGE, Main.printable(path) + " is a directory, not a file (see ls)", e);
      }
      throw e;
    }
  }

  private static boolean isDirectory(StorageDriver driver, String path) {
    try {
      return driver.stat(path).isDirectory();
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  @Command(name = "put", description = "Store a local file, or standard input (-), at a path. The content "
      + "appears at once when complete; a failed upload leaves the old content.")
  static final class Put implements Callable<Integer> {
    @ParentCommand
    private Cli cli;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "A local file, or - for standard input.")
    private String source;

    @Parameters(index = "1", paramLabel = "PATH", description = "Where to store it in the backend.")
    private String path;

    @Option(names = "--dry-run", description = "Say what would be stored; store nothing.")
    private boolean dryRun;

    @Override
    public Integer call() throws Exception {
      Cli.path("PATH", path, false);
      if (dryRun) {
        String what = source.equals("-") ? "standard input" : Main.printable(source) + " (" + Sizes.human(
            localSize(source)) + ")";
        cli.io().err().println("would store " + what + " at " + Main.printable(path) + " (dry run)");
        return ExitCodes.OK;
      }
      long size;
      try (StorageDriver driver = cli.open()) {
        if (isDirectory(driver, path)) {
          // the driver would refuse too, but as a conflict (exit 1); a directory where a file is needed is exit 2
          throw new CliException(ExitCodes.USAGE, Main.printable(path) + " is a directory; give the path of the file "
              + "to store (e.g. " + Main.printable(path + "/name") + ")");
        }
        try (InputStream in = open(source); FileWriter writer = driver.writer(path, false)) {
          try {
            in.transferTo(writer);
            writer.commit();
          } catch (Exception e) {
            cancelQuietly(writer, e);
            throw e;
          }
          size = writer.size();
        }
      }
      cli.io().err().println("stored " + Main.printable(path) + " (" + Sizes.human(size) + ")");
      return ExitCodes.OK;
    }

    /** A failed upload is dropped, not kept for resuming: put always starts over. */
    private static void cancelQuietly(FileWriter writer, Exception failure) {
      try {
        writer.cancel();
      } catch (Exception | Error e) {
        failure.addSuppressed(e);
      }
    }

    private static long localSize(String source) throws IOException {
      Path file = Path.of(source);
      if (!Files.isRegularFile(file)) {
        throw new CliException(ExitCodes.NOT_FOUND, "local file " + source + " does not exist or is not a file");
      }
      return Files.size(file);
    }

    private InputStream open(String source) throws Exception {
      if (source.equals("-")) {
        return cli.io().in();
      }
      Path file = Path.of(source);
      if (!Files.isRegularFile(file)) {
        throw new CliException(ExitCodes.NOT_FOUND, "local file " + source + " does not exist or is not a file");
      }
      return Files.newInputStream(file);
    }
  }

  @Command(name = "get", description = "Copy a file from the backend to a local file, or to standard output (-).")
  static final class Get implements Callable<Integer> {
    @ParentCommand
    private Cli cli;

    @Parameters(index = "0", paramLabel = "PATH", description = "The file in the backend.")
    private String path;

    @Parameters(index = "1", paramLabel = "DESTINATION", arity = "0..1", defaultValue = "-",
        description = "A local file (replaced when complete), or - for standard output.")
    private String destination;

    @Override
    public Integer call() throws Exception {
      Cli.path("PATH", path, false);
      try (StorageDriver driver = cli.open(); InputStream in = reader(driver, path, 0)) {
        if (destination.equals("-")) {
          toStandardOutput(in, cli.io().out());
          return ExitCodes.OK;
        }
        Path target = Path.of(destination).toAbsolutePath();
        if (Files.isDirectory(target)) {
          target = target.resolve(path.substring(path.lastIndexOf('/') + 1));
        } else if (!Files.isDirectory(target.getParent())) {
          throw new CliException(ExitCodes.NOT_FOUND, "local directory " + target.getParent() + " does not exist");
        }
        // Download next to the target and rename: an interrupted get never leaves half a file in its place.
        // A fixed short prefix: the target's own name may already be as long as a name can be.
        Path temp = Files.createTempFile(target.getParent(), ".storagedriver-get-", ".part");
        try {
          try (OutputStream out = Files.newOutputStream(temp)) {
            in.transferTo(out);
          }
          Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
          Files.deleteIfExists(temp);
        }
        cli.io().err().println("wrote " + target + " (" + Sizes.human(Files.size(target)) + ")");
      }
      return ExitCodes.OK;
    }
  }
}
