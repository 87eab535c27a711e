package dev.storagedriver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storagedriver.cli.CliHarness.Result;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Help for every command: COMMAND --help, help COMMAND, -h where -h is not a size option. */
class HelpTest {
  @TempDir
  Path dir;

  /** Every command and subcommand, as the words that name it ("ls", "uploads purge"). */
  static Stream<String> commands() {
    List<String> names = new ArrayList<>();
    CommandLine root = new CommandLine(new Cli(new Io(InputStream.nullInputStream(),
        new PrintStream(PrintStream.nullOutputStream()), new PrintStream(PrintStream.nullOutputStream()), false)));
    collect(root, "", names);
    return names.stream();
  }

  /** help takes one command name; 'help uploads' lists uploads' own subcommands. */
  static Stream<String> topLevelCommands() {
    return commands().filter(c -> !c.contains(" "));
  }

  private static void collect(CommandLine command, String prefix, List<String> names) {
    command.getSubcommands().forEach((name, sub) -> {
      if (!name.equals("help")) {
        names.add(prefix + name);
        collect(sub, prefix + name + " ", names);
      }
    });
  }

  private static CommandSpec spec(String command) {
    CommandLine c = new CommandLine(new Cli(new Io(InputStream.nullInputStream(),
        new PrintStream(PrintStream.nullOutputStream()), new PrintStream(PrintStream.nullOutputStream()), false)));
    for (String word : command.split(" ")) {
      c = c.getSubcommands().get(word);
    }
    return c.getCommandSpec();
  }

  @ParameterizedTest
  @MethodSource("commands")
  void everyCommand_answersHelp_listingEveryOptionWithItsDefault(String command) {
    Result r = new CliHarness(dir).run((command + " --help").split(" "));
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("Usage: storagedriver " + command);
    for (OptionSpec option : spec(command).options()) {
      assertThat(r.out()).as(command + " " + option.longestName()).contains(option.longestName());
      if (option.usageHelp() || option.inherited()) {
        continue;
      }
      String expected = option.defaultValue() != null ? option.defaultValue()
          : option.arity().max() == 0 ? "false" : null;
      if (expected != null) {
        assertThat(optionHelp(r.out(), option.longestName())).as(command + " " + option.longestName())
            .contains("Default: " + expected);
      }
    }
  }

  /** The lines describing one option in the option list: from its line to the next option's. */
  private static String optionHelp(String help, String name) {
    java.util.regex.Matcher line = java.util.regex.Pattern.compile("(?m)^ +(-\\w, )?" + java.util.regex.Pattern
        .quote(name) + "[= \\n]").matcher(help);
    assertThat(line.find()).as(name + " in the option list").isTrue();
    int end = help.indexOf("\n  -", line.start() + 1);
    return help.substring(line.start(), end < 0 ? help.length() : end);
  }

  @ParameterizedTest
  @MethodSource("topLevelCommands")
  void helpCommand_describesEachCommand(String command) {
    Result r = new CliHarness(dir).run(("help " + command).split(" "));
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("Usage: storagedriver " + command);
  }

  @Test
  void shortH_isHelp_onCommandsWithoutSizes() {
    Result r = new CliHarness(dir).run("cat", "-h");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("Usage: storagedriver cat").contains("--offset");
  }

  @Test
  void shortH_isHumanReadable_onCommandsThatShowSizes_andHelpStaysLong() {
    Result r = new CliHarness(dir).run("du", "--help");
    assertThat(r.out()).contains("-h, --human-readable").contains("--help");
  }

  @Test
  void helpOfTheTool_namesTheHelpCommand_andTheExitCodes() {
    Result r = new CliHarness(dir).run("--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("help COMMAND", "uploads", "130 ");
  }
}
