package dev.storagedriver.cli;

import dev.storagedriver.FileInfo;
import dev.storagedriver.StorageDriver;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** The commands that change what is stored in place: rm and mv. */
final class ChangeCommands {
  private ChangeCommands() {}

  @Command(name = "rm", description = "Delete a file, or a directory and everything below it. Asks first, "
      + "unless --yes.")
  static final class Rm implements Callable<Integer> {
    @ParentCommand
    private Cli cli;

    @Parameters(paramLabel = "PATH")
    private String path;

    @Option(names = {"-y", "--yes"}, description = "Do not ask; delete.")
    private boolean yes;

    @Override
    public Integer call() throws Exception {
      try (StorageDriver driver = cli.open()) {
        FileInfo info = driver.stat(path);
        if (!yes && !confirmed(question(driver, info))) {
          throw new CliException(ExitCodes.FAILURE, "not confirmed; nothing deleted (use --yes to skip the "
              + "question)");
        }
        driver.delete(path);
      }
      cli.io().err().println("deleted " + path);
      return ExitCodes.OK;
    }

    private String question(StorageDriver driver, FileInfo info) throws IOException {
      if (!info.isDirectory()) {
        return "delete " + path + " (" + Sizes.human(info.size()) + ")?";
      }
      long[] files = new long[1];
      driver.walk(path, f -> {
        if (!f.isDirectory()) {
          files[0]++;
        }
        return FileVisitResult.CONTINUE;
      });
      return "delete directory " + path + " and the " + files[0] + " files below it?";
    }

    /** Reads the answer from standard input, so it also works piped ({@code echo y | storagedriver rm ...}). */
    private boolean confirmed(String question) throws IOException {
      cli.io().err().print(question + " [y/N] ");
      cli.io().err().flush();
      String answer = new BufferedReader(new InputStreamReader(cli.io().in(), StandardCharsets.UTF_8)).readLine();
      return answer != null && List.of("y", "yes").contains(answer.strip().toLowerCase(Locale.ROOT));
    }
  }

  @Command(name = "mv", description = "Move a file, or every file below a directory, to a new path, replacing "
      + "what is there.")
  static final class Mv implements Callable<Integer> {
    @ParentCommand
    private Cli cli;

    @Parameters(index = "0", paramLabel = "SOURCE")
    private String source;

    @Parameters(index = "1", paramLabel = "DESTINATION")
    private String destination;

    @Override
    public Integer call() throws Exception {
      if (source.equals("/")) {
        throw new CliException(ExitCodes.USAGE, "cannot move the root; move the paths below it");
      }
      try (StorageDriver driver = cli.open()) {
        FileInfo info = driver.stat(source);
        if (!info.isDirectory()) {
          driver.move(source, destination);
        } else {
          if ((destination + "/").startsWith(source + "/")) {
            throw new CliException(ExitCodes.USAGE, "cannot move " + source + " into itself (" + destination + ")");
          }
          // The contract moves files; a directory moves as its files, collected first so the walk does not
          // see its own moves.
          List<String> files = new ArrayList<>();
          driver.walk(source, f -> {
            if (!f.isDirectory()) {
              files.add(f.path());
            }
            return FileVisitResult.CONTINUE;
          });
          for (String file : files) {
            driver.move(file, destination + file.substring(source.length()));
          }
        }
      }
      cli.io().err().println("moved " + source + " to " + destination);
      return ExitCodes.OK;
    }
  }
}
