package dev.storagedriver.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigUtil;
import dev.storagedriver.FileInfo;
import dev.storagedriver.WalkVisitor;
import dev.storagedriver.InvalidConfigException;
import dev.storagedriver.RedirectMethod;
import dev.storagedriver.StorageDriver;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.FileVisitResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** The commands that only read: ls, stat, tree, walk, du, url. */
final class BrowseCommands {
  private BrowseCommands() {}

  /** A size as bytes, or for people ({@code -h}). */
  static String size(long bytes, boolean human) {
    return human ? Sizes.human(bytes) : String.valueOf(bytes);
  }

  @Command(name = "ls", description = "List a directory's children (or show a file), one per line.")
  static final class Ls implements Callable<Integer> {
    @ParentCommand
    private Cli cli;

    @Parameters(paramLabel = "PATH", defaultValue = "/", description = "A directory or a file.")
    private String path;

    @Option(names = "-l", description = "Long format: type, size, modification time, path.")
    private boolean longFormat;

    @Option(names = {"-h", "--human-readable"}, description = "With -l: sizes like 1.5 MiB instead of bytes.")
    private boolean human;

    @Option(names = "--json", description = "One JSON object per entry: path, type, size, modified.")
    private boolean json;

    @Mixin
    private Selection selection;

    @Override
    public Integer call() throws Exception {
      Cli.path("PATH", path, true);
      PrintStream out = cli.io().out();
      try (StorageDriver driver = cli.open()) {
        FileInfo info = driver.stat(path);
        if (!info.isDirectory()) {
          print(out, info);
          return ExitCodes.OK;
        }
        for (String child : driver.list(path)) {
          if (!selection.takes(path, child)) {
            continue;
          }
          if (longFormat || json) {
            print(out, driver.stat(child));
          } else {
            out.println(Main.printable(child));
          }
        }
      }
      return ExitCodes.OK;
    }

    private void print(PrintStream out, FileInfo info) {
      if (json) {
        new JsonLines(out).write(JsonLines.entry(info));
      } else if (longFormat) {
        out.printf("%s %12s %s %s%n", info.isDirectory() ? "d" : "-", size(info.size(), human), info.modTime(),
            Main.printable(info.path()));
      } else {
        out.println(Main.printable(info.path()));
      }
    }
  }

  @Command(name = "stat", description = "Show what is at a path: file or directory, size, modification time.")
  static final class Stat implements Callable<Integer> {
    @ParentCommand
    private Cli cli;

    @Parameters(paramLabel = "PATH")
    private String path;

    @Option(names = "--json", description = "One JSON object: path, type, size, modified.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
      Cli.path("PATH", path, true);
      try (StorageDriver driver = cli.open()) {
        FileInfo info = driver.stat(path);
        PrintStream out = cli.io().out();
        if (json) {
          new JsonLines(out).write(JsonLines.entry(info));
          return ExitCodes.OK;
        }
        out.println("path:     " + Main.printable(info.path()));
        out.println("type:     " + (info.isDirectory() ? "directory" : "file"));
        if (!info.isDirectory()) {
          out.println("size:     " + info.size() + " (" + Sizes.human(info.size()) + ")");
        }
        out.println("modified: " + info.modTime());
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "tree", description = "Show a directory and everything below it, indented, with human sizes.")
  static final class Tree implements Callable<Integer> {
    @ParentCommand
    private Cli cli;

    @Parameters(paramLabel = "PATH", defaultValue = "/", description = "A directory.")
    private String path;

    @Override
    public Integer call() throws Exception {
      Cli.path("PATH", path, true);
      PrintStream out = cli.io().out();
      int baseDepth = depth(path);
      try (StorageDriver driver = cli.open()) {
        FileInfo info = driver.stat(path); // a missing or wrong path fails before anything is printed
        if (!info.isDirectory()) {
          throw new CliException(ExitCodes.USAGE, Main.printable(path) + " is a file; tree shows directories");
        }
        out.println(Main.printable(path));
        driver.walk(path, f -> {
          String name = Main.printable(f.path().substring(f.path().lastIndexOf('/') + 1));
          String indent = "  ".repeat(depth(f.path()) - baseDepth);
          out.println(indent + (f.isDirectory() ? name + "/" : name + "  " + Sizes.human(f.size())));
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
      + "directories end with / (and are left out when --include or --exclude is given).")
  static final class Walk implements Callable<Integer> {
    @ParentCommand
    private Cli cli;

    @Parameters(paramLabel = "PATH", defaultValue = "/", description = "A directory.")
    private String path;

    @Option(names = "--sizes", description = "Add each file's size after a tab.")
    private boolean sizes;

    @Option(names = {"-h", "--human-readable"}, description = "With --sizes: sizes like 1.5 MiB instead of bytes.")
    private boolean human;

    @Option(names = "--json", description = "One JSON object per entry: path, type, size, modified.")
    private boolean json;

    @Mixin
    private Selection selection;

    @Override
    public Integer call() throws Exception {
      Cli.path("PATH", path, true);
      PrintStream out = cli.io().out();
      JsonLines lines = new JsonLines(out);
      try (StorageDriver driver = cli.open()) {
        WalkVisitor visitor = info -> {
          if (info.isDirectory() ? selection.active() : !selection.takes(path, info.path())) {
            return FileVisitResult.CONTINUE;
          }
          if (json) {
            lines.write(JsonLines.entry(info));
          } else if (info.isDirectory()) {
            out.println(Main.printable(info.path()) + "/");
          } else {
            String shown = Main.printable(info.path());
            out.println(sizes ? shown + "\t" + size(info.size(), human) : shown);
          }
          return FileVisitResult.CONTINUE;
        };
        FileInfo info = driver.stat(path);
        if (info.isDirectory()) {
          driver.walk(path, visitor);
        } else {
          // the contract's walk of a file is "not found", which misleads about a file that is there; as find does
          visitor.visit(info);
        }
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "du", description = "Total size and number of files below a path.")
  static final class Du implements Callable<Integer> {
    @ParentCommand
    private Cli cli;

    @Parameters(paramLabel = "PATH", defaultValue = "/", description = "A directory or a file.")
    private String path;

    @Option(names = {"-h", "--human-readable"}, description = "Sizes like 1.5 MiB instead of bytes.")
    private boolean human;

    @Option(names = "--json", description = "One JSON object: path, files, bytes.")
    private boolean json;

    @Mixin
    private Selection selection;

    @Override
    public Integer call() throws Exception {
      Cli.path("PATH", path, true);
      long[] totals = new long[2];
      try (StorageDriver driver = cli.open()) {
        FileInfo info = driver.stat(path);
        if (info.isDirectory()) {
          driver.walk(path, file -> {
            if (!file.isDirectory() && selection.takes(path, file.path())) {
              totals[0] += file.size();
              totals[1]++;
            }
            return FileVisitResult.CONTINUE;
          });
        } else if (selection.takes(path, path)) {
          totals[0] = info.size();
          totals[1] = 1;
        }
      }
      if (json) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("path", path);
        fields.put("files", totals[1]);
        fields.put("bytes", totals[0]);
        new JsonLines(cli.io().out()).write(fields);
      } else {
        cli.io().out().printf("%s\t%s\t%s%n", size(totals[0], human), Cli.count(totals[1], "file"),
            Main.printable(path));
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "url", description = "Print a URL a plain HTTP client can fetch the file from directly, where the "
      + "driver offers one (exit 1 when it does not).")
  static final class Url implements Callable<Integer> {
    /** The driver parameter --expires sets; drivers with redirect URLs that expire name it so (oss). */
    static final String EXPIRY_PARAMETER = "redirectexpiry";

    @ParentCommand
    private Cli cli;

    @Parameters(paramLabel = "PATH")
    private String path;

    @Option(names = "--method", defaultValue = "GET", description = "GET (the content) or HEAD (the length).")
    private RedirectMethod method;

    @Option(names = "--expires", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "How long the URL stays valid, e.g. 90s, 15m, 12h, 7d; the driver checks its own limits. "
            + "Default: the driver's redirectexpiry parameter (oss: 20m).")
    private Duration expires;

    @Override
    public Integer call() throws Exception {
      Cli.path("PATH", path, false);
      Optional<String> overrides = Optional.empty();
      if (expires != null) {
        Config config = cli.backends().load(cli.configFile());
        String driverName = config.getString("storagedriver.driver");
        String key = "storagedriver." + ConfigUtil.quoteString(driverName) + "." + EXPIRY_PARAMETER;
        if (!config.hasPath(key)) {
          throw new CliException(ExitCodes.USAGE, "--expires: driver " + driverName + " has no " + EXPIRY_PARAMETER
              + " parameter (its URLs, if any, do not expire on request)");
        }
        overrides = Optional.of(key + " = " + expires.toMillis() + "ms");
      }
      StorageDriver opened;
      try {
        opened = cli.open(cli.configFile(), overrides);
      } catch (InvalidConfigException e) {
        if (expires != null && e.getMessage().contains(EXPIRY_PARAMETER)) {
          throw new CliException(ExitCodes.USAGE, "--expires " + expires + ": " + Main.message(e), e);
        }
        throw e;
      }
      try (StorageDriver driver = opened) {
        // a missing file is "not found", not "no URL"; a directory has no content a URL could fetch
        if (driver.stat(path).isDirectory()) {
          throw new CliException(ExitCodes.USAGE, Main.printable(path) + " is a directory; a URL fetches a file");
        }
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

  /** Durations as HOCON writes them: 90s, 15m, 12h, 7d, "500 milliseconds". */
  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      Duration duration;
      try {
        duration = ConfigFactory.parseString("d = " + ConfigUtil.quoteString(value)).getDuration("d");
      } catch (ConfigException e) {
        throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a duration (e.g. 90s, 15m, "
            + "12h, 7d)");
      }
      if (duration.isNegative()) {
        // uploads purge --older-than -1d would reach into the future and purge writes still in flight
        throw new picocli.CommandLine.TypeConversionException("'" + value + "' is negative; give a duration of 0s "
            + "or more");
      }
      return duration;
    }
  }
}
