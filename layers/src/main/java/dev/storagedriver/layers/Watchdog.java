package dev.storagedriver.layers;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Interrupts calls that outlive their deadline. The call runs on the caller's own thread (no hand-off); one daemon
 * thread per layer checks the calls in flight every {@code tick}. Blocking I/O that honours interrupts (NIO
 * channels, {@code Thread.sleep}) ends at once; I/O that does not ends when it returns, and is then reported as
 * timed out if it failed.
 *
 * <p>Each thread reuses one {@link Deadline}, registered the first time it calls, so a call costs a clock read and
 * two atomic writes; a call nested in another on the same thread (a driver call from a walk's visitor) gets a
 * deadline of its own.
 */
final class Watchdog implements AutoCloseable {
  /** One call in flight, or a thread's reusable slot between calls. */
  static final class Deadline {
    private static final int IDLE = 0;
    private static final int RUNNING = 1;
    private static final int EXPIRED = 2;
    private static final int INTERRUPTED = 3;

    private final Thread thread = Thread.currentThread();
    private final boolean reusable;
    private volatile long deadlineNanos;
    private final AtomicInteger state = new AtomicInteger(IDLE);

    private Deadline(boolean reusable) {
      this.reusable = reusable;
    }

    private boolean begin(long deadline) {
      if (state.get() != IDLE) {
        return false;
      }
      deadlineNanos = deadline;
      state.set(RUNNING);
      return true;
    }

    /**
     * Ends the call; true when it expired, in which case the interrupt sent to this thread is cleared, so it does
     * not leak into the caller's next blocking call.
     */
    private boolean end() {
      if (state.compareAndSet(RUNNING, IDLE)) {
        return false;
      }
      while (state.get() != INTERRUPTED) {
        Thread.onSpinWait();
      }
      Thread.interrupted();
      state.set(IDLE);
      return true;
    }

    private void expireIfDue(long now) {
      if (state.get() == RUNNING && now - deadlineNanos >= 0 && state.compareAndSet(RUNNING, EXPIRED)) {
        thread.interrupt();
        state.set(INTERRUPTED);
      }
    }
  }

  private final Set<Deadline> watched = ConcurrentHashMap.newKeySet();
  private final ThreadLocal<Deadline> slots;
  private final Thread thread;
  private final long tickMillis;
  private volatile boolean closed;

  Watchdog(String name, long tickMillis) {
    this.tickMillis = tickMillis;
    this.slots = ThreadLocal.withInitial(() -> {
      Deadline d = new Deadline(true);
      watched.add(d);
      return d;
    });
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Starts watching a call on this thread that must end within {@code timeoutNanos}. */
  Deadline start(long timeoutNanos) {
    long deadline = System.nanoTime() + timeoutNanos;
    Deadline slot = slots.get();
    if (slot.begin(deadline)) {
      return slot;
    }
    Deadline nested = new Deadline(false);
    nested.begin(deadline);
    watched.add(nested);
    return nested;
  }

  /** Stops watching {@code d}; true when it expired. */
  boolean finish(Deadline d) {
    boolean expired = d.end();
    if (!d.reusable) {
      watched.remove(d);
    }
    return expired;
  }

  private void run() {
    while (!closed) {
      try {
        Thread.sleep(tickMillis);
      } catch (InterruptedException e) {
        return;
      }
      long now = System.nanoTime();
      for (Deadline d : watched) {
        if (!d.thread.isAlive()) {
          watched.remove(d); // a thread's slot outlives it only until here
        } else {
          d.expireIfDue(now);
        }
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
  }
}
