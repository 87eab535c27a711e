package dev.storagedriver.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The question {@code rm} and {@code sync --delete} ask before deleting. Only a person at a terminal is asked: with
 * standard input or output redirected (a script, a pipe, CI) there is nobody to answer, so the command refuses
 * (exit 2) and says to add {@code --yes}, rather than reading an answer a pipe did not mean to give.
 */
final class Confirmation {
  private Confirmation() {}

  /**
   * Returns when the user agreed (or {@code yes}); otherwise throws.
   *
   * @param io the streams; {@link Io#terminal()} decides whether to ask
   * @param yes whether {@code --yes} was given
   * @param question what will be deleted, e.g. "delete 3 files (16 B) below /t?"
   * @throws CliException {@link ExitCodes#USAGE} when there is no terminal to ask, {@link ExitCodes#FAILURE} when
   *     the answer is not yes
   * @throws IOException if standard input cannot be read
   */
  static void confirm(Io io, boolean yes, String question) throws IOException {
    if (yes) {
      return;
    }
    if (!io.terminal()) {
      throw new CliException(ExitCodes.USAGE, "not deleting without confirmation: " + question + " -- there is no "
          + "terminal to ask (input or output is redirected); add --yes to delete, or --dry-run to list what "
          + "would go");
    }
    io.err().print(question + " [y/N] ");
    io.err().flush();
    String answer = new BufferedReader(new InputStreamReader(io.in(), StandardCharsets.UTF_8)).readLine();
    if (answer == null || !List.of("y", "yes").contains(answer.strip().toLowerCase(Locale.ROOT))) {
      throw new CliException(ExitCodes.FAILURE, "not confirmed; nothing deleted (use --yes to skip the question)");
    }
  }
}
