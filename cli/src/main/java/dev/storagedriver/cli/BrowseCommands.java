package dev.storagedriver.cli;

import dev.storagedriver.FileInfo;
import dev.storagedriver.RedirectMethod;
import dev.storagedriver.StorageDriver;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.FileVisitResult;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** The commands that only read: ls, stat, tree, walk, du, url. */
final class BrowseCommands {
  private BrowseCommands() {}

  @Command(name = "ls", description = "List a directory's children (or show a file), one per line.")
  static final class Ls implements Callable<Integer> {
    @ParentCommand
    private Cli cli;

    @Parameters(paramLabel = "PATH", defaultValue = "/", description = "Default: /.")
    private String path;

    @Option(names = "-l", description = "Long format: type, size in bytes, modification time, path.")
    private boolean longFormat;

    @Override
    public Integer call() throws Exception {
      PrintStream out = cli.io().out();
      try (StorageDriver driver = cli.open()) {
        FileInfo info = driver.stat(path);
        if (!info.isDirectory()) {
          print(out, info);
          return ExitCodes.OK;
        }
        for (String child : driver.list(path)) {
          if (longFormat) {
            print(out, driver.stat(child));
          } else {
            out.println(child);
          }
        }
      }
      return ExitCodes.OK;
    }

    private void print(PrintStream out, FileInfo info) {
      if (longFormat) {
        out.printf("%s %12d %s %s%n", info.isDirectory() ? "d" : "-", info.size(), info.modTime(), info.path());
      } else {
        out.println(info.path());
      }
    }
  }

  @Command(name = "stat", description = "Show what is at a path: file or directory, size, modification time.")
  static final class Stat implements Callable<Integer> {
    @ParentCommand
    private Cli cli;

    @Parameters(paramLabel = "PATH")
    private String path;

    @Override
    public Integer call() throws Exception {
      try (StorageDriver driver = cli.open()) {
        FileInfo info = driver.stat(path);
        PrintStream out = cli.io().out();
        out.println("path:     " + info.path());
        out.println("type:     " + (info.isDirectory() ? "directory" : "file"));
        if (!info.isDirectory()) {
          out.println("size:     " + info.size() + " (" + Sizes.human(info.size()) + ")");
        }
        out.println("modified: " + info.modTime());
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "tree", description = "Show a directory and everything below it, indented.")
  static final class Tree implements Callable<Integer> {
    @ParentCommand
    private Cli cli;

    @Parameters(paramLabel = "PATH", defaultValue = "/", description = "Default: /.")
    private String path;

    @Override
    public Integer call() throws Exception {
      PrintStream out = cli.io().out();
      int baseDepth = depth(path);
      out.println(path);
      try (StorageDriver driver = cli.open()) {
        driver.walk(path, info -> {
          String name = info.path().substring(info.path().lastIndexOf('/') + 1);
          String indent = "  ".repeat(depth(info.path()) - baseDepth);
          out.println(indent + (info.isDirectory() ? name + "/" : name + "  " + Sizes.human(info.size())));
          return FileVisitResult.CONTINUE;
        });
      }
      return ExitCodes.OK;
    }

    private static int depth(String path) {
      return path.equals("/") ? 0 : (int) path.chars().filter(c -> c == '/').count();
    }
  }

  @Command(name = "walk", description = "Print every path below a directory, one per line, in walk order; "
      + "directories end with /.")
  static final class Walk implements Callable<Integer> {
    @ParentCommand
    private Cli cli;

    @Parameters(paramLabel = "PATH", defaultValue = "/", description = "Default: /.")
    private String path;

    @Option(names = "--sizes", description = "Add each file's size in bytes after a tab.")
    private boolean sizes;

    @Override
    public Integer call() throws Exception {
      PrintStream out = cli.io().out();
      try (StorageDriver driver = cli.open()) {
        driver.walk(path, info -> {
          if (info.isDirectory()) {
            out.println(info.path() + "/");
          } else {
            out.println(sizes ? info.path() + "\t" + info.size() : info.path());
          }
          return FileVisitResult.CONTINUE;
        });
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "du", description = "Total size and number of files below a path.")
  static final class Du implements Callable<Integer> {
    @ParentCommand
    private Cli cli;

    @Parameters(paramLabel = "PATH", defaultValue = "/", description = "Default: /.")
    private String path;

    @Option(names = {"-h", "--human-readable"}, description = "Sizes like 1.5 MiB instead of bytes.")
    private boolean human;

    @Override
    public Integer call() throws Exception {
      long[] totals = new long[2];
      try (StorageDriver driver = cli.open()) {
        FileInfo info = driver.stat(path);
        if (info.isDirectory()) {
          driver.walk(path, file -> {
            if (!file.isDirectory()) {
              totals[0] += file.size();
              totals[1]++;
            }
            return FileVisitResult.CONTINUE;
          });
        } else {
          totals[0] = info.size();
          totals[1] = 1;
        }
      }
      cli.io().out().printf("%s\t%d files\t%s%n", human ? Sizes.human(totals[0]) : String.valueOf(totals[0]),
          totals[1], path);
      return ExitCodes.OK;
    }
  }

  @Command(name = "url", description = "Print a URL a plain HTTP client can fetch the file from directly, where the "
      + "driver offers one (exit 1 when it does not).")
  static final class Url implements Callable<Integer> {
    @ParentCommand
    private Cli cli;

    @Parameters(paramLabel = "PATH")
    private String path;

    @Option(names = "--method", defaultValue = "GET", description = "GET (the content) or HEAD (the length). "
        + "Default: GET.")
    private RedirectMethod method;

    @Override
    public Integer call() throws Exception {
      try (StorageDriver driver = cli.open()) {
        driver.stat(path); // a missing file is "not found", not "no URL"
        Optional<URI> url = driver.redirectUrl(path, method);
        if (url.isEmpty()) {
          throw new CliException(ExitCodes.FAILURE, "driver " + driver.name()
              + " offers no redirect URLs; read the file with 'cat' or 'get'");
        }
        cli.io().out().println(url.get());
      }
      return ExitCodes.OK;
    }
  }
}
