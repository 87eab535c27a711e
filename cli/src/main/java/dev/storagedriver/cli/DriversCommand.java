package dev.storagedriver.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** Lists the drivers the registry finds, including those in --plugins jars. */
@Command(name = "drivers", description = "List the registered driver names (built in and from --plugins).")
final class DriversCommand implements Callable<Integer> {
  @ParentCommand
  private Cli cli;

  @Override
  public Integer call() {
    cli.backends().registry().names().forEach(cli.io().out()::println);
    return ExitCodes.OK;
  }
}
