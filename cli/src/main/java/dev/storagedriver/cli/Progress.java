package dev.storagedriver.cli;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What {@code cp} and {@code sync} tell the user while they run: a redrawn bar on a terminal, plain lines (one per
 * file) otherwise, so logs and pipes stay readable. Called from the copying threads.
 */
abstract class Progress implements AutoCloseable {
  /** What happened to one file. */
  enum Outcome {
    COPIED("copied  "), RESUMED("resumed "), SKIPPED("skipped "), FAILED(""), DELETED("deleted "),
    WOULD_COPY("would copy "), WOULD_DELETE("would delete "), INTERRUPTED("stopped "), DELETE_FAILED("");

    final String word;

    Outcome(String word) {
      this.word = word;
    }

    /** Whether this outcome is about a deletion rather than a file of the copy plan. */
    boolean deletion() {
      return this == DELETED || this == WOULD_DELETE || this == DELETE_FAILED;
    }

    /** Whether this outcome is a failure, reported on standard error. */
    boolean failure() {
      return this == FAILED || this == DELETE_FAILED;
    }

    /** The error line for a failure. */
    String failureLine(String path, Throwable failure) {
      return "storagedriver: cannot " + (this == DELETE_FAILED ? "delete " : "copy ") + Main.printable(path) + ": "
          + Main.message(failure);
    }
  }

  /** A bar on a terminal (except for a dry run), lines otherwise; {@code quiet} lines show only failures. */
  static Progress forIo(Io io, boolean quiet, boolean dryRun) {
    // a dry run has nothing to draw a bar for: it lists what it would do
    return io.terminal() && !dryRun ? new Bar(io.err()) : new Lines(io.out(), io.err(), quiet);
  }

  /** The plan: how many files, how many bytes. */
  abstract void start(int files, long bytes);

  /** Bytes just copied. */
  abstract void transferred(long bytes);

  /** One file is done. */
  abstract void done(String path, long size, Outcome outcome, Throwable failure);

  @Override
  public abstract void close();

  /** One line per file on standard output, failures on standard error. */
  static final class Lines extends Progress {
    private final PrintStream out;
    private final PrintStream err;
    private final boolean quiet;

    Lines(PrintStream out, PrintStream err, boolean quiet) {
      this.out = out;
      this.err = err;
      this.quiet = quiet;
    }

    @Override
    void start(int files, long bytes) {
      if (!quiet) {
        out.println("planned " + Cli.count(files, "file") + ", " + Sizes.human(bytes));
      }
    }

    @Override
    void transferred(long bytes) {}

    @Override
    synchronized void done(String path, long size, Outcome outcome, Throwable failure) {
      if (outcome.failure()) {
        err.println(outcome.failureLine(path, failure));
      } else if (!quiet) {
        String detail = switch (outcome) {
          case DELETED, WOULD_DELETE -> "";
          case RESUMED -> " (sent the remaining " + Sizes.human(size) + ")";
          case INTERRUPTED -> " (" + Sizes.human(size) + " written, kept uncommitted)";
          default -> " (" + Sizes.human(size) + ")";
        };
        out.println(outcome.word + Main.printable(path) + detail);
      }
    }

    @Override
    public void close() {
      out.flush();
    }
  }

  /** A bar redrawn in place on standard error a few times a second. */
  static final class Bar extends Progress {
    private static final int WIDTH = 30;
    private final PrintStream err;
    private final AtomicLong bytesDone = new AtomicLong();
    private final AtomicLong filesDone = new AtomicLong();
    private final long started = System.nanoTime();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "storagedriver-progress");
      t.setDaemon(true);
      return t;
    });
    private volatile long totalBytes;
    private volatile int totalFiles;

    Bar(PrintStream err) {
      this.err = err;
    }

    @Override
    void start(int files, long bytes) {
      totalFiles = files;
      totalBytes = bytes;
      ticker.scheduleAtFixedRate(this::draw, 0, 200, TimeUnit.MILLISECONDS);
    }

    @Override
    void transferred(long bytes) {
      bytesDone.addAndGet(bytes);
    }

    @Override
    void done(String path, long size, Outcome outcome, Throwable failure) {
      if (outcome == Outcome.SKIPPED) {
        bytesDone.addAndGet(size); // skipped bytes count as done, or the bar would never reach 100%
      }
      if (!outcome.deletion()) {
        filesDone.incrementAndGet();
      }
      if (outcome.failure()) {
        synchronized (this) {
          err.print("\r\033[K");
          err.println(outcome.failureLine(path, failure));
        }
      }
    }

    private synchronized void draw() {
      long done = bytesDone.get();
      long total = Math.max(totalBytes, 1);
      int filled = (int) Math.min(WIDTH, WIDTH * done / total);
      double seconds = Math.max((System.nanoTime() - started) / 1e9, 0.001);
      err.printf("\r\033[K[%s%s] %3d%%  %d/%d files  %s of %s  %s/s", "=".repeat(filled), " ".repeat(WIDTH - filled),
          Math.min(100, 100 * done / total), filesDone.get(), totalFiles, Sizes.human(done), Sizes.human(totalBytes),
          Sizes.human((long) (done / seconds)));
      err.flush();
    }

    @Override
    public void close() {
      ticker.shutdownNow();
      draw();
      err.println();
    }
  }
}
