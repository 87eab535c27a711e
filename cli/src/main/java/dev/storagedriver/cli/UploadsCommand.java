package dev.storagedriver.cli;

import dev.storagedriver.Capability;
import dev.storagedriver.PendingWrite;
import dev.storagedriver.StorageDriver;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code uploads list} and {@code uploads purge}: the uncommitted writes a store keeps (writers closed without
 * commit, uploads of processes that died), for drivers with {@link Capability#PENDING_WRITES}.
 */
@Command(name = "uploads", description = {"List or purge the uncommitted writes the store keeps (interrupted "
    + "copies kept for resuming, uploads of processes that died), where the driver offers that (exit 1 when it "
    + "does not).", "Use 'uploads list' or 'uploads purge --older-than 7d'."},
    subcommands = {UploadsCommand.List.class, UploadsCommand.Purge.class})
final class UploadsCommand implements Runnable {
  @ParentCommand
  Cli cli;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "uploads needs a subcommand: list or "
        + "purge");
  }

  /** The driver, refusing clearly when it keeps no pending writes the tool can see. */
  static StorageDriver open(Cli cli) throws Exception {
    StorageDriver driver = cli.open();
    if (!driver.capabilities().contains(Capability.PENDING_WRITES)) {
      String name = driver.name();
      driver.close();
      throw new CliException(ExitCodes.FAILURE, "driver " + name + " does not list pending writes (no "
          + "PENDING_WRITES capability): there is nothing this tool can list or purge there");
    }
    return driver;
  }

  static String describe(PendingWrite w) {
    return Main.printable(w.path()) + "\t" + (w.size() < 0 ? "?" : Sizes.human(w.size())) + "\t"
        + w.lastModified() + "\t" + Main.printable(w.id());
  }

  @Command(name = "list", description = "List the pending writes below a directory: path, size so far, last "
      + "change, the driver's id.")
  static final class List implements Callable<Integer> {
    @ParentCommand
    private UploadsCommand parent;

    @Parameters(paramLabel = "DIRECTORY", defaultValue = "/", description = "Where to look.")
    private String directory;

    @Option(names = "--json", description = "One JSON object per write: path, id, size (-1 if unknown), "
        + "lastModified.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
      Cli.path("DIRECTORY", directory, true);
      PrintStream out = parent.cli.io().out();
      try (StorageDriver driver = open(parent.cli)) {
        java.util.List<PendingWrite> writes = driver.pendingWrites(directory);
        for (PendingWrite w : writes) {
          if (json) {
            new JsonLines(out).write(JsonLines.entry(w));
          } else {
            out.println(describe(w));
          }
        }
        if (!json) {
          parent.cli.io().err().println(Cli.count(writes.size(), "pending write") + " below "
              + Main.printable(directory));
        }
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "purge", description = {"Remove the pending writes below a directory last changed more than "
      + "--older-than ago, and what the store holds for them; committed files are never touched. Asks on a "
      + "terminal unless --yes; without one, only with --yes (exit 2)."})
  static final class Purge implements Callable<Integer> {
    @ParentCommand
    private UploadsCommand parent;

    @Parameters(paramLabel = "DIRECTORY", defaultValue = "/", description = "Where to purge.")
    private String directory;

    @Option(names = "--older-than", paramLabel = "DURATION", required = true,
        converter = BrowseCommands.DurationConverter.class,
        description = "Only writes last changed longer ago than this, e.g. 7d, 12h (0s: all).")
    private Duration olderThan;

    @Option(names = "--dry-run", description = "List what would be purged, with the same counts; purge nothing.")
    private boolean dryRun;

    @Option(names = {"-y", "--yes"}, description = "Do not ask; purge.")
    private boolean yes;

    @Override
    public Integer call() throws Exception {
      Cli.path("DIRECTORY", directory, true);
      Io io = parent.cli.io();
      Instant cutoff = Instant.now().minus(olderThan);
      try (StorageDriver driver = open(parent.cli)) {
        java.util.List<PendingWrite> old = driver.pendingWrites(directory).stream()
            .filter(w -> w.lastModified().isBefore(cutoff)).toList();
        String what = Cli.count(old.size(), "pending write") + " below " + Main.printable(directory)
            + " older than " + olderThan;
        if (old.isEmpty()) {
          io.err().println("nothing to purge: no " + "pending write below " + Main.printable(directory)
              + " is older than " + olderThan);
          return ExitCodes.OK;
        }
        if (dryRun) {
          old.forEach(w -> io.out().println("would purge " + describe(w)));
          io.out().println("would purge " + what + " (dry run)");
          return ExitCodes.OK;
        }
        Confirmation.confirm(io, yes, "purge " + what + "?");
        java.util.List<PendingWrite> removed = driver.purgePendingWrites(directory, cutoff);
        io.out().println("purged " + Cli.count(removed.size(), "pending write") + " below "
            + Main.printable(directory));
      }
      return ExitCodes.OK;
    }
  }
}
