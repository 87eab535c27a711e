package dev.storagedriver.cli;

import dev.storagedriver.FileInfo;
import dev.storagedriver.PathNotFoundException;
import dev.storagedriver.StorageDriver;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** cp and sync: copying between two configured backends (or within one). */
final class CopyCommands {
  private CopyCommands() {}

  /** What cp and sync share: source and destination, the second backend, the pool size, the output. */
  abstract static class Base implements Callable<Integer> {
    @ParentCommand
    Cli cli;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "A path in the --config backend.")
    String source;

    @Parameters(index = "1", paramLabel = "DESTINATION", description = "A path in the --to-config backend.")
    String destination;

    @Option(names = "--to-config", paramLabel = "FILE",
        description = "The destination backend's configuration. Default: the --config backend.")
    Path toConfig;

    @Option(names = {"-j", "--parallel"}, defaultValue = "4", description = "Files copied at once. Default: 4.")
    int parallel;

    @Option(names = {"-q", "--quiet"}, description = "Only errors and the summary; no line per file.")
    boolean quiet;

    /** The files to copy, given what is at the source. */
    abstract List<Copier.Item> plan(StorageDriver from, StorageDriver to, FileInfo source) throws IOException;

    /** Whether to copy files whose destination has the same size. */
    boolean force() {
      return false;
    }

    /** After copying: sync may delete what the source does not have; returns how many. */
    int afterCopy(StorageDriver to, List<Copier.Item> items, Progress progress) throws IOException {
      return 0;
    }

    @Override
    public Integer call() throws Exception {
      if (parallel < 1 || parallel > 256) {
        throw new CliException(ExitCodes.USAGE, "--parallel must be from 1 to 256, not " + parallel);
      }
      try (StorageDriver from = cli.open(); StorageDriver second = toConfig == null ? null
          : cli.backends().open(cli.backends().load(toConfig))) {
        StorageDriver to = second == null ? from : second;
        FileInfo info = from.stat(source);
        to.stat("/"); // an unreachable destination fails here, once, rather than once per file
        List<Copier.Item> items = plan(from, to, info);
        Copier.Summary summary;
        try (Progress progress = Progress.forIo(cli.io(), quiet)) {
          summary = new Copier(from, to, parallel, force(), progress).run(items, 0);
          if (summary.failed() == 0) {
            summary = withDeleted(summary, afterCopy(to, items, progress));
          }
        }
        cli.io().out().println(summary.describe());
        return summary.failed() == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
      }
    }

    private static Copier.Summary withDeleted(Copier.Summary s, int deleted) {
      return new Copier.Summary(s.copied(), s.skipped(), s.failed(), deleted, s.bytes(), s.nanos());
    }

    /** Every file below directory {@code source}, mapped to the same relative path below {@code destination}. */
    List<Copier.Item> tree(StorageDriver from) throws IOException {
      List<Copier.Item> items = new ArrayList<>();
      from.walk(source, f -> {
        if (!f.isDirectory()) {
          items.add(new Copier.Item(f.path(), below(destination, relative(source, f.path())), f.size()));
        }
        return FileVisitResult.CONTINUE;
      });
      return items;
    }

    static String relative(String directory, String path) {
      return directory.equals("/") ? path : path.substring(directory.length());
    }

    static String below(String directory, String relative) {
      return directory.equals("/") ? relative : directory + relative;
    }
  }

  @Command(name = "cp", description = {"Copy a file, or with -r a directory tree, within a backend or to another "
      + "(--to-config). Files whose destination already has the same size are skipped (unless --force), so an "
      + "interrupted copy resumes when run again.",
      "A directory's content lands below DESTINATION: cp -r /a /b copies /a/x to /b/x."})
  static final class Cp extends Base {
    @Option(names = {"-r", "--recursive"}, description = "Copy a directory and everything below it.")
    boolean recursive;

    @Option(names = "--force", description = "Copy even files whose destination has the same size.")
    boolean forceCopy;

    @Override
    boolean force() {
      return forceCopy;
    }

    @Override
    List<Copier.Item> plan(StorageDriver from, StorageDriver to, FileInfo info) throws IOException {
      if (info.isDirectory()) {
        if (!recursive) {
          throw new CliException(ExitCodes.USAGE, source + " is a directory; use cp -r to copy a tree");
        }
        return tree(from);
      }
      String target = destination;
      if (isDirectory(to, destination)) {
        target = below(destination, source.substring(source.lastIndexOf('/')));
      }
      return List.of(new Copier.Item(source, target, info.size()));
    }

    private static boolean isDirectory(StorageDriver driver, String path) throws IOException {
      try {
        return driver.stat(path).isDirectory();
      } catch (PathNotFoundException e) {
        return false;
      }
    }
  }

  @Command(name = "sync", description = {"Make a directory tree in the destination match the source: copy files "
      + "that are missing or differ in size, in parallel; run it again to resume. With --delete, also remove "
      + "destination files the source does not have.",
      "Typical use, migrating between backends: sync --config old.conf --to-config new.conf / /"})
  static final class Sync extends Base {
    @Option(names = "--delete", description = "Delete destination files below DESTINATION that SOURCE lacks.")
    boolean delete;

    @Override
    List<Copier.Item> plan(StorageDriver from, StorageDriver to, FileInfo info) throws IOException {
      if (!info.isDirectory()) {
        throw new CliException(ExitCodes.USAGE, source + " is a file; sync copies directory trees (use cp for "
            + "a file)");
      }
      return tree(from);
    }

    @Override
    int afterCopy(StorageDriver to, List<Copier.Item> items, Progress progress) throws IOException {
      if (!delete) {
        return 0;
      }
      Set<String> wanted = new HashSet<>();
      items.forEach(i -> wanted.add(i.destination()));
      List<String> extra = new ArrayList<>();
      try {
        to.walk(destination, f -> {
          if (!f.isDirectory() && !wanted.contains(f.path())) {
            extra.add(f.path());
          }
          return FileVisitResult.CONTINUE;
        });
      } catch (PathNotFoundException e) {
        return 0; // nothing at the destination, so nothing extra
      }
      for (String path : extra) {
        to.delete(path);
        progress.done(path, 0, Progress.Outcome.DELETED, null);
      }
      return extra.size();
    }
  }
}
