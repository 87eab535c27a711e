package dev.storagedriver.cli;

import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDriverException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The top-level command: the options every command shares, and the backend they open. */
@Command(name = "storagedriver", mixinStandardHelpOptions = true, version = "storagedriver 0.1.0",
    description = "Browse, copy and check storage backends chosen in a configuration file.",
    subcommands = {
      BrowseCommands.Ls.class, BrowseCommands.Stat.class, BrowseCommands.Tree.class, BrowseCommands.Walk.class,
      BrowseCommands.Du.class, BrowseCommands.Url.class, ContentCommands.Cat.class, ContentCommands.Put.class,
      ContentCommands.Get.class, ChangeCommands.Rm.class, ChangeCommands.Mv.class, CopyCommands.Cp.class,
      CopyCommands.Sync.class, TckCommand.class, DriversCommand.class, LayersCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success", "1:the operation failed (a kit test, a copy)", "2:bad arguments", "3:path not found",
      "4:bad configuration (file, driver name, parameter, plug-in)", "5:backend unreachable or unavailable",
      "6:permission denied"
    })
final class Cli implements Runnable {
  private final Io io;

  @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
      description = "The backend: a HOCON file naming storagedriver.driver and its parameters. Default: the "
          + "filesystem driver under ./data.")
  private Path config;

  @Option(names = "--plugins", paramLabel = "PATH", scope = ScopeType.INHERIT,
      description = "A jar, or a directory of jars, holding more drivers (repeatable).")
  private List<Path> plugins = new ArrayList<>();

  @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
      description = "Print stack traces with errors.")
  private boolean verbose;

  @Spec
  private CommandSpec spec;

  private Backends backends;

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
    return backends().open(config);
  }
}
