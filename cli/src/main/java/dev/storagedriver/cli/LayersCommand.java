package dev.storagedriver.cli;

import com.typesafe.config.ConfigRenderOptions;
import dev.storagedriver.StorageLayers;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Lists the layers the registry finds, including those in --plugins jars, as {@code drivers} lists drivers. */
@Command(name = "layers", description = "List the registered layer names (built in and from --plugins), which "
    + "storagedriver.layers stacks over the driver.")
final class LayersCommand implements Callable<Integer> {
  @ParentCommand
  private Cli cli;

  @Option(names = "--parameters", description = "Also list each layer's parameters with their defaults.")
  private boolean parameters;

  @Override
  public Integer call() {
    StorageLayers layers = cli.backends().registry().layers();
    for (String name : layers.names()) {
      if (!parameters) {
        cli.io().out().println(name);
        continue;
      }
      Map<String, String> defaults = new TreeMap<>();
      layers.defaults(name).root().forEach((key, value) ->
          defaults.put(key, value.render(ConfigRenderOptions.concise())));
      cli.io().out().println(name + " " + defaults);
    }
    return ExitCodes.OK;
  }
}
