package dev.storagedriver.cli;

import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDriverException;
import dev.storagedriver.StoragePaths;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The top-level command: the options every command shares, and the backend they open. */
@Command(name = "storagedriver", mixinStandardHelpOptions = true, version = "storagedriver 0.1.0",
    description = "Browse, copy and check storage backends chosen in a configuration file. "
        + "'storagedriver help COMMAND' (or COMMAND --help) describes a command and its options.",
    subcommands = {
      HelpCommand.class, UploadsCommand.class,
      BrowseCommands.Ls.class, BrowseCommands.Stat.class, BrowseCommands.Tree.class, BrowseCommands.Walk.class,
      BrowseCommands.Du.class, BrowseCommands.Url.class, ContentCommands.Cat.class, ContentCommands.Put.class,
      ContentCommands.Get.class, ChangeCommands.Rm.class, ChangeCommands.Mv.class, CopyCommands.Cp.class,
      CopyCommands.Sync.class, TckCommand.class, DriversCommand.class, LayersCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success", "1:the operation failed (a kit test, a copy), or a deletion was not confirmed",
      "2:bad arguments; also a deletion refused without --yes when there is no terminal to ask",
      "3:path not found", "4:bad configuration (file, driver name, parameter, plug-in)",
      "5:backend unreachable or unavailable", "6:permission denied", "130:interrupted (Ctrl-C)"
    })
final class Cli implements Runnable {
  private final Io io;

  @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
      description = "The backend: a HOCON file naming storagedriver.driver and its parameters. Without it: the "
          + "filesystem driver under ./data.")
  private Path config;

  @Option(names = "--plugins", paramLabel = "PATH", scope = ScopeType.INHERIT, showDefaultValue = Visibility.NEVER,
      description = "A jar, or a directory of jars, holding more drivers (repeatable). Without it: the built-in "
          + "drivers only.")
  private List<Path> plugins = new ArrayList<>();

  @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
      description = "Print stack traces with errors.")
  private boolean verbose;

  @Spec
  private CommandSpec spec;

  private Backends backends;
  private boolean warnedInMemory;

  Cli(Io io) {
    this.io = io;
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a command is required");
  }

  Io io() {
    return io;
  }

  boolean verbose() {
    return verbose;
  }

  Path configFile() {
    return config;
  }

  /** The drivers, with the plug-ins loaded once per run. */
  Backends backends() {
    if (backends == null) {
      backends = Backends.withPlugins(plugins);
    }
    return backends;
  }

  /** Opens the backend of {@code --config}. */
  StorageDriver open() throws StorageDriverException {
    return warnIfTransient(backends().open(config));
  }

  /** Opens the backend {@code config} (loaded, as {@link Backends#load} gives it) names. */
  StorageDriver open(com.typesafe.config.Config config) throws StorageDriverException {
    return warnIfTransient(backends().open(config));
  }

  /**
   * Opens the backend a configuration file names (cp and sync's {@code --to-config}).
   *
   * @param file the file
   * @param overrides HOCON put on top of the file (e.g. a driver parameter from a flag), or empty
   */
  StorageDriver open(Path file, Optional<String> overrides) throws StorageDriverException {
    return warnIfTransient(backends().open(backends().load(file, overrides)));
  }

  /** An in-memory store is gone when the command ends; say so once, or a put followed by ls looks broken. */
  private StorageDriver warnIfTransient(StorageDriver driver) {
    if (driver.name().equals("inmemory") && !warnedInMemory) {
      warnedInMemory = true;
      io.err().println("storagedriver: note: driver inmemory keeps its store only while this command runs; "
          + "nothing is kept afterwards");
    }
    return driver;
  }

  /**
   * Checks a path argument: an absolute storage path, or the root where {@code rootAllowed}.
   *
   * @throws CliException with {@link ExitCodes#USAGE} naming the rule broken
   */
  static String path(String label, String value, boolean rootAllowed) {
    if (rootAllowed && StoragePaths.ROOT.equals(value)) {
      return value;
    }
    Optional<String> why = StoragePaths.violation(value);
    if (why.isPresent()) {
      throw new CliException(ExitCodes.USAGE, label + " " + Main.printable(value) + ": " + why.get());
    }
    return value;
  }

  /** "1 file", "2 files". */
  static String count(long n, String singular) {
    return n + " " + (n == 1 ? singular : singular + "s");
  }
}
