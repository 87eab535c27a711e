package dev.storagedriver.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The streams a run uses, injectable so tests drive the tool through its entry point.
 *
 * @param in standard input ({@code put -}, the answer to {@code rm}'s question)
 * @param out standard output: results, file content
 * @param err standard error: errors, questions, progress
 * @param terminal whether a person is watching (a console): then {@code cp} and {@code sync} draw a progress bar,
 *     and {@code rm} and {@code sync --delete} may ask before deleting
 * @param interruption where Ctrl-C arrives; a test requests it to interrupt a run
 * @param state the local directory of what outlives a run: which kept writes a copy may resume
 *     ({@link ResumeJournal})
 */
record Io(InputStream in, PrintStream out, PrintStream err, boolean terminal, Interruption interruption,
    Path state) {
  /** Streams with an interruption of their own, never requested unless someone asks. */
  Io(InputStream in, PrintStream out, PrintStream err, boolean terminal) {
    this(in, out, err, terminal, new Interruption());
  }

  /** Streams, and the user's state directory ({@link ResumeJournal#defaultDirectory()}). */
  Io(InputStream in, PrintStream out, PrintStream err, boolean terminal, Interruption interruption) {
    this(in, out, err, terminal, interruption, ResumeJournal.defaultDirectory());
  }
}
