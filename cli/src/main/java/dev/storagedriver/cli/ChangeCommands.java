package dev.storagedriver.cli;

import dev.storagedriver.FileInfo;
import dev.storagedriver.PathNotFoundException;
import dev.storagedriver.StorageDriver;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileVisitResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** The commands that change what is stored in place: rm and mv. */
final class ChangeCommands {
  private ChangeCommands() {}

  @Command(name = "rm", description = {"Delete a file, or every file below a directory (those --include and "
      + "--exclude select). Counts the files first, asks on a terminal unless --yes, then deletes exactly those "
      + "files, one by one.",
      "Without a terminal (a script, a pipe) it refuses unless --yes (exit 2)."})
  static final class Rm implements Callable<Integer> {
    @ParentCommand
    private Cli cli;

    @Parameters(paramLabel = "PATH", description = "A file or a directory.")
    private String path;

    @Option(names = {"-y", "--yes"}, description = "Do not ask; delete.")
    private boolean yes;

    @Option(names = "--dry-run", description = "List what would be deleted, with the same counts; delete nothing.")
    private boolean dryRun;

    @Mixin
    private Selection selection;

    @Override
    public Integer call() throws Exception {
      Cli.path("PATH", path, true);
      PrintStream out = cli.io().out();
      PrintStream err = cli.io().err();
      try (StorageDriver driver = cli.open()) {
        FileInfo info = driver.stat(path);
        List<FileInfo> files = new ArrayList<>();
        if (!info.isDirectory()) {
          if (selection.takes(path, path)) {
            files.add(info);
          }
        } else {
          driver.walk(path, f -> {
            if (!f.isDirectory() && selection.takes(path, f.path())) {
              files.add(f);
            }
            return FileVisitResult.CONTINUE;
          });
        }
        long bytes = files.stream().mapToLong(FileInfo::size).sum();
        String what = Cli.count(files.size(), "file") + " (" + Sizes.human(bytes) + ")"
            + (info.isDirectory() ? " below " : " at ") + Main.printable(path);
        if (files.isEmpty()) {
          err.println("nothing to delete: no file " + (info.isDirectory() ? "below " : "at ") + Main.printable(path)
              + (selection.active() ? " matches --include/--exclude" : ""));
          return ExitCodes.OK;
        }
        if (dryRun) {
          files.forEach(f -> out.println("would delete " + Main.printable(f.path())));
          out.println("would delete " + what + " (dry run)");
          return ExitCodes.OK;
        }
        Confirmation.confirm(cli.io(), yes, "delete " + what + "?");
        int failed = 0;
        long deleted = 0;
        for (FileInfo f : files) {
          try {
            driver.delete(f.path());
            deleted++;
          } catch (PathNotFoundException e) {
            deleted++; // gone already: what was announced is gone
          } catch (IOException | RuntimeException e) {
            failed++;
            err.println("storagedriver: cannot delete " + Main.printable(f.path()) + ": " + Main.message(e));
          }
        }
        out.println("deleted " + Cli.count(deleted, "file") + (failed == 0 ? "" : ", " + failed + " failed")
            + (info.isDirectory() ? " below " : " at ") + Main.printable(path));
        if (failed > 0) {
          return ExitCodes.FAILURE;
        }
        if (info.isDirectory() && !selection.active() && stillThere(driver)) {
          throw new CliException(ExitCodes.FAILURE, Main.printable(path) + " still exists after every file the "
              + "listing showed was deleted: the store holds entries the driver does not list (or files were "
              + "added meanwhile); nothing else was deleted");
        }
      }
      return ExitCodes.OK;
    }

    private boolean stillThere(StorageDriver driver) throws IOException {
      if (path.equals("/")) {
        return !driver.list("/").isEmpty();
      }
      try {
        driver.stat(path);
        return true;
      } catch (PathNotFoundException e) {
        return false;
      }
    }
  }

  private static FileInfo statOrNull(StorageDriver driver, String path) throws IOException {
    try {
      return driver.stat(path);
    } catch (PathNotFoundException e) {
      return null;
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

    @Option(names = "--dry-run", description = "List what would be moved, with the same counts; move nothing.")
    private boolean dryRun;

    @Override
    public Integer call() throws Exception {
      if (source.equals("/")) {
        throw new CliException(ExitCodes.USAGE, "cannot move the root; move the paths below it");
      }
      Cli.path("SOURCE", source, false);
      Cli.path("DESTINATION", destination, false);
      List<String> files = new ArrayList<>();
      try (StorageDriver driver = cli.open()) {
        FileInfo info = driver.stat(source);
        FileInfo there = statOrNull(driver, destination);
        if (!info.isDirectory()) {
          if (there != null && there.isDirectory()) {
            // as cp (and Unix mv): a file moved onto a directory lands inside it, under its own name
            destination = destination + source.substring(source.lastIndexOf('/'));
          }
          files.add(source);
        } else {
          if (there != null && !there.isDirectory()) {
            throw new CliException(ExitCodes.USAGE, "cannot move directory " + Main.printable(source) + " onto "
                + Main.printable(destination) + ": " + Main.printable(destination) + " is a file");
          }
          if ((destination + "/").startsWith(source + "/")) {
            throw new CliException(ExitCodes.USAGE, "cannot move " + Main.printable(source) + " into itself ("
                + Main.printable(destination) + ")");
          }
          // The contract moves files; a directory moves as its files, collected first so the walk does not
          // see its own moves.
          driver.walk(source, f -> {
            if (!f.isDirectory()) {
              files.add(f.path());
            }
            return FileVisitResult.CONTINUE;
          });
          if (source.startsWith(destination + "/")) {
            // Moving a tree up (mv /a/b /a) sends /a/b/b/x to /a/b/x, a file still to move: move the shorter paths
            // first, so every file is moved away before another lands on its path (a target is always shorter).
            files.sort(Comparator.comparingInt(String::length));
          }
        }
        int moved = 0;
        for (String file : files) {
          String target = destination + file.substring(source.length());
          if (dryRun) {
            cli.io().out().println("would move " + Main.printable(file) + " to " + Main.printable(target));
            continue;
          }
          try {
            driver.move(file, target);
          } catch (IOException | RuntimeException e) {
            // say how far it got: the files moved so far are at DESTINATION, the rest still at SOURCE
            throw new CliException(ExitCodes.of(e), "moved " + moved + " of " + Cli.count(files.size(), "file")
                + " from " + Main.printable(source) + " to " + Main.printable(destination) + ", then "
                + Main.printable(file) + ": " + Main.message(e) + "; the rest are still at the source", e);
          }
          moved++;
        }
      }
      cli.io().err().println((dryRun ? "would move " : "moved ") + Cli.count(files.size(), "file") + " from "
          + Main.printable(source) + " to " + Main.printable(destination) + (dryRun ? " (dry run)" : ""));
      return ExitCodes.OK;
    }
  }
}
