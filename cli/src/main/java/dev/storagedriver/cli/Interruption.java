package dev.storagedriver.cli;

import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C, as the copying commands see it. The JVM runs shutdown hooks on SIGINT; the tool's hook {@link #request()
 * requests} a stop and waits while a command that stops cleanly (cp, sync) is {@link #enter() running}, so that
 * command can stop starting files, close its open writers without commit (kept for resuming), and print what it
 * did before the process ends with exit code 130. Other commands simply end.
 */
final class Interruption {
  /** How long the hook waits for a clean stop before the process ends anyway. */
  static final long GRACE_SECONDS = 60;

  private volatile boolean requested;
  private int running;

  /** Asks the running command to stop; from the shutdown hook, or from a test. */
  void request() {
    requested = true;
  }

  /** Whether a stop was asked for. */
  boolean requested() {
    return requested;
  }

  /** A command that stops cleanly starts. */
  synchronized void enter() {
    running++;
  }

  /** That command has stopped and said what it did. */
  synchronized void exit() {
    running--;
    notifyAll();
  }

  /** Requests a stop and waits, at most {@link #GRACE_SECONDS}, until no command that stops cleanly runs. */
  synchronized void requestAndAwait() throws InterruptedException {
    request();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GRACE_SECONDS);
    for (long left; running > 0 && (left = deadline - System.nanoTime()) > 0; ) {
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }
}
