package dev.storagedriver.layers;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Interrupts calls that outlive their deadline. The call runs on the caller's own thread (no hand-off, so a fast
 * call costs two set operations); one daemon thread per layer checks the calls in flight every {@code tick}.
 * Blocking I/O that honours interrupts (NIO channels, {@code Thread.sleep}) ends at once; I/O that does not ends
 * when it returns, and is then reported as timed out if it failed.
 */
final class Watchdog implements AutoCloseable {
  /** One call in flight. */
  static final class Deadline {
    private static final int RUNNING = 0;
    private static final int DONE = 1;
    private static final int EXPIRED = 2;
    private static final int INTERRUPTED = 3;

    private final Thread thread = Thread.currentThread();
    private final long deadlineNanos;
    private final AtomicInteger state = new AtomicInteger(RUNNING);

    private Deadline(long deadlineNanos) {
      this.deadlineNanos = deadlineNanos;
    }

    /**
     * Ends the call; true when it expired, in which case the interrupt sent to this thread is cleared, so it does
     * not leak into the caller's next blocking call.
     */
    boolean finish() {
      if (state.compareAndSet(RUNNING, DONE)) {
        return false;
      }
      while (state.get() != INTERRUPTED) {
        Thread.onSpinWait();
      }
      Thread.interrupted();
      return true;
    }

    private void expireIfDue(long now) {
      if (now - deadlineNanos >= 0 && state.compareAndSet(RUNNING, EXPIRED)) {
        thread.interrupt();
        state.set(INTERRUPTED);
      }
    }
  }

  private final Set<Deadline> inFlight = ConcurrentHashMap.newKeySet();
  private final Thread thread;
  private final long tickMillis;
  private volatile boolean closed;

  Watchdog(String name, long tickMillis) {
    this.tickMillis = tickMillis;
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Starts watching a call on this thread that must end within {@code timeoutNanos}. */
  Deadline start(long timeoutNanos) {
    Deadline d = new Deadline(System.nanoTime() + timeoutNanos);
    inFlight.add(d);
    return d;
  }

  /** Stops watching {@code d}; true when it expired. */
  boolean finish(Deadline d) {
    inFlight.remove(d);
    return d.finish();
  }

  private void run() {
    while (!closed) {
      try {
        Thread.sleep(tickMillis);
      } catch (InterruptedException e) {
        return;
      }
      long now = System.nanoTime();
      for (Deadline d : inFlight) {
        d.expireIfDue(now);
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
  }
}
