package dev.storagedriver.cli;

import com.typesafe.config.Config;
import dev.storagedriver.FileInfo;
import dev.storagedriver.PathNotFoundException;
import dev.storagedriver.StorageDriver;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** cp and sync: copying between two configured backends (or within one). */
final class CopyCommands {
  private CopyCommands() {}

  /** What cp and sync share: source and destination, the second backend, the pool, the checks, the output. */
  abstract static class Base implements Callable<Integer> {
    @ParentCommand
    Cli cli;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "A path in the --config backend.")
    String source;

    @Parameters(index = "1", paramLabel = "DESTINATION", description = "A path in the --to-config backend.")
    String destination;

    @Option(names = "--to-config", paramLabel = "FILE",
        description = "The destination backend's configuration. Without it: the --config backend.")
    Path toConfig;

    @Option(names = {"-j", "--parallel"}, paramLabel = "N", defaultValue = "4",
        description = "Files copied at once (1 to 256).")
    int parallel;

    @Option(names = {"-q", "--quiet"}, description = "Only errors and the summary; no line per file.")
    boolean quiet;

    @Option(names = "--dry-run", description = "Decide as a real run would (same checks, same counts) and list "
        + "what would be copied or deleted; change nothing.")
    boolean dryRun;

    @Option(names = "--checksum", description = "Judge a same-size destination file unchanged only if its "
        + "SHA-256 equals the source's (reads both sides in full).")
    boolean checksum;

    @Option(names = "--size-only", description = "Judge a destination file unchanged if it has the source's size, "
        + "whatever its time.")
    boolean sizeOnly;

    @Option(names = "--json", description = "No line per file; print the summary as one JSON object.")
    boolean json;

    @Mixin
    Selection selection;

    /** The files to copy, given what is at the source. */
    abstract List<Copier.Item> plan(StorageDriver from, StorageDriver to, FileInfo source) throws IOException;

    /** Whether to copy files found unchanged. */
    boolean force() {
      return false;
    }

    /** Destination files to delete after copying (sync --delete); none by default. */
    List<FileInfo> extras(StorageDriver to, List<Copier.Item> items) throws IOException {
      return List.of();
    }

    /** Whether deleting the extras was agreed to without asking. */
    boolean yes() {
      return false;
    }

    @Override
    public Integer call() throws Exception {
      if (parallel < 1 || parallel > 256) {
        throw new CliException(ExitCodes.USAGE, "--parallel must be from 1 to 256, not " + parallel);
      }
      if (checksum && sizeOnly) {
        throw new CliException(ExitCodes.USAGE, "--checksum and --size-only exclude each other");
      }
      Cli.path("SOURCE", source, true);
      Cli.path("DESTINATION", destination, true);
      Copier.Compare compare = checksum ? Copier.Compare.CHECKSUM
          : sizeOnly ? Copier.Compare.SIZE_ONLY : Copier.Compare.SIZE_AND_TIME;
      Io io = cli.io();
      Config fromConfig = cli.backends().load(cli.configFile());
      Config toConfigLoaded = toConfig == null ? fromConfig : cli.backends().load(toConfig, Optional.empty());
      try (StorageDriver from = cli.open(fromConfig);
          StorageDriver second = toConfig == null ? null : cli.open(toConfigLoaded)) {
        StorageDriver to = second == null ? from : second;
        // after opening: a configuration the registry refuses is reported by it, in its words
        StoreLocation fromStore = StoreLocation.of(fromConfig);
        StoreLocation toStore = StoreLocation.of(toConfigLoaded);
        FileInfo info = from.stat(source);
        if (info.isDirectory() && fromStore.nests(source, toStore, destination)) {
          // Copying would overwrite files not yet read (cp -r /a/b /a), and sync --delete would delete the source
          // it copies from (sync /a/b /a); rclone refuses overlapping remotes for the same reasons.
          throw new CliException(ExitCodes.USAGE, "SOURCE " + Main.printable(source) + " and DESTINATION "
              + Main.printable(destination) + " overlap: they are trees of one store, one inside the other; "
              + "copy to a directory outside the source (or use mv to move a tree up or down)");
        }
        to.stat("/"); // an unreachable destination fails here, once, rather than once per file
        if (info.isDirectory() && isFile(to, destination)) {
          throw new CliException(ExitCodes.USAGE, "DESTINATION " + Main.printable(destination) + " is a file; a "
              + "tree is copied below a directory (or a path where nothing is yet)");
        }
        List<Copier.Item> items = plan(from, to, info);
        List<FileInfo> extras = extras(to, items);
        if (!extras.isEmpty() && !dryRun) {
          Confirmation.confirm(io, yes(), "delete " + Cli.count(extras.size(), "file") + " ("
              + Sizes.human(extras.stream().mapToLong(FileInfo::size).sum()) + ") below "
              + Main.printable(destination) + " that " + Main.printable(source) + " lacks, after copying?");
        }
        Copier.Summary summary;
        io.interruption().enter();
        try {
          try (Progress progress = Progress.forIo(io, quiet || json, dryRun)) {
            summary = new Copier(from, fromStore, to, toStore, new ResumeJournal(io.state()), parallel, force(),
                compare, dryRun, progress, io.interruption()).run(items);
            if (summary.failed() == 0 && !summary.interrupted()) {
              int[] deleted = delete(to, extras, progress);
              summary = summary.withDeleted(deleted[0], deleted[1]);
            }
          }
          print(summary);
          io.out().flush(); // before the shutdown hook may let the JVM halt
        } finally {
          io.interruption().exit();
        }
        return summary.interrupted() ? ExitCodes.INTERRUPTED
            : summary.failed() == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
      }
    }

    /** Deletes the extras, each failure reported and the run going on (as for copies); returns {deleted, failed}. */
    private int[] delete(StorageDriver to, List<FileInfo> extras, Progress progress) {
      int deleted = 0;
      int failed = 0;
      for (FileInfo extra : extras) {
        if (cli.io().interruption().requested()) {
          break;
        }
        if (!dryRun) {
          try {
            to.delete(extra.path());
          } catch (PathNotFoundException e) {
            // gone already
          } catch (IOException | RuntimeException e) {
            failed++;
            progress.done(extra.path(), 0, Progress.Outcome.DELETE_FAILED, e);
            continue;
          }
        }
        deleted++;
        progress.done(extra.path(), 0, dryRun ? Progress.Outcome.WOULD_DELETE : Progress.Outcome.DELETED, null);
      }
      return new int[] {deleted, failed};
    }

    private void print(Copier.Summary s) {
      if (!json) {
        cli.io().out().println(s.describe());
        return;
      }
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("command", getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT));
      fields.put("source", source);
      fields.put("destination", destination);
      fields.put("compare", s.compare().key);
      fields.put("dryRun", s.dryRun());
      fields.put("interrupted", s.interrupted());
      fields.put("planned", s.planned());
      fields.put("copied", s.copied());
      fields.put("resumed", s.resumed());
      fields.put("skipped", s.skipped());
      fields.put("failed", s.failed());
      fields.put("deleted", s.deleted());
      fields.put("partial", s.partial());
      fields.put("notStarted", s.notStarted());
      fields.put("bytes", s.bytes());
      fields.put("resumedBytes", s.resumedBytes());
      fields.put("seconds", s.nanos() / 1e9);
      new JsonLines(cli.io().out()).write(fields);
    }

    private static boolean isFile(StorageDriver driver, String path) throws IOException {
      try {
        return !driver.stat(path).isDirectory();
      } catch (PathNotFoundException e) {
        return false;
      }
    }

    /** Every selected file below directory {@code source}, mapped to the same relative path below destination. */
    List<Copier.Item> tree(StorageDriver from) throws IOException {
      List<Copier.Item> items = new ArrayList<>();
      from.walk(source, f -> {
        if (!f.isDirectory() && selection.takes(source, f.path())) {
          items.add(new Copier.Item(f, below(destination, relative(source, f.path()))));
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
      + "(--to-config). Files whose destination is unchanged (by default: same size, and not older than the "
      + "source) are skipped unless --force, so an interrupted copy resumes when run again; a large file stopped "
      + "part-way continues from what was sent where the destination can resume writes.",
      "A directory's content lands below DESTINATION: cp -r /a /b copies /a/x to /b/x."})
  static final class Cp extends Base {
    @Option(names = {"-r", "--recursive"}, description = "Copy a directory and everything below it.")
    boolean recursive;

    @Option(names = "--force", description = "Copy even files whose destination is unchanged.")
    boolean forceCopy;

    @Override
    boolean force() {
      return forceCopy;
    }

    @Override
    List<Copier.Item> plan(StorageDriver from, StorageDriver to, FileInfo info) throws IOException {
      if (info.isDirectory()) {
        if (!recursive) {
          throw new CliException(ExitCodes.USAGE, Main.printable(source) + " is a directory; use cp -r to copy a "
              + "tree");
        }
        return tree(from);
      }
      if (!selection.takes(source, source)) {
        return List.of();
      }
      String target = destination;
      if (isDirectory(to, destination)) {
        target = below(destination, source.substring(source.lastIndexOf('/')));
      }
      return List.of(new Copier.Item(info, target));
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
      + "that are missing or changed (by default: a different size, or a source newer than the destination), in "
      + "parallel; run it again to resume, and a large file stopped part-way continues from what was sent where "
      + "the destination can resume writes. With --delete, also remove destination files the source does not "
      + "have (asked first on a terminal; without one, only with --yes).",
      "Typical use, migrating between backends: sync --config old.conf --to-config new.conf / /"})
  static final class Sync extends Base {
    @Option(names = "--delete", description = "Delete destination files below DESTINATION that SOURCE lacks "
        + "(those --include/--exclude select; excluded files are kept).")
    boolean delete;

    @Option(names = {"-y", "--yes"}, description = "With --delete: do not ask; delete.")
    boolean yes;

    @Override
    boolean yes() {
      return yes;
    }

    @Override
    List<Copier.Item> plan(StorageDriver from, StorageDriver to, FileInfo info) throws IOException {
      if (!info.isDirectory()) {
        throw new CliException(ExitCodes.USAGE, Main.printable(source) + " is a file; sync copies directory trees "
            + "(use cp for a file)");
      }
      return tree(from);
    }

    @Override
    List<FileInfo> extras(StorageDriver to, List<Copier.Item> items) throws IOException {
      if (!delete) {
        return List.of();
      }
      Set<String> wanted = new HashSet<>();
      items.forEach(i -> wanted.add(i.destination()));
      List<FileInfo> extra = new ArrayList<>();
      try {
        to.walk(destination, f -> {
          if (!f.isDirectory() && !wanted.contains(f.path()) && selection.takes(destination, f.path())) {
            extra.add(f);
          }
          return FileVisitResult.CONTINUE;
        });
      } catch (PathNotFoundException e) {
        return List.of(); // nothing at the destination, so nothing extra
      }
      return extra;
    }
  }
}
