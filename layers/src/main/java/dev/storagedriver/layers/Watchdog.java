package dev.storagedriver.layers;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Interrupts calls that outlive their bound. The call runs on the caller's own thread (no hand-off); one daemon
 * thread per layer checks the calls in flight every {@code tick}. Blocking I/O that honours interrupts (NIO
 * channels, {@code Thread.sleep}) ends at once; I/O that does not ends when it returns, and is then reported as
 * timed out if it failed.
 *
 * <p>Time is counted in the watchdog's ticks, not read from a clock by the caller: a call is allowed {@code
 * ceil(bound / tick)} whole ticks after the first tick that sees it running, and each tick is at least {@code
 * tick} long (it is a sleep), so no call is ever interrupted before its bound has passed, however late the
 * watchdog runs on a busy machine; it is interrupted at most about two ticks after it. Arming a call is then two
 * plain writes and a release store, and disarming it one compare-and-set: no clock read, no fence on the
 * caller's path.
 *
 * <p>Each thread reuses one {@link Deadline}, registered the first time it calls; a call nested in another on the
 * same thread (a driver call from a walk's visitor) gets a deadline of its own.
 */
final class Watchdog implements AutoCloseable {
  /** One call in flight, or a thread's reusable slot between calls. */
  static final class Deadline {
    // The low two bits of the state word are the phase; the rest numbers the call, so the watchdog can never
    // act on a call that has ended and been followed by another (no ABA between its read and its swap).
    private static final long IDLE = 0;
    private static final long RUNNING = 1;
    private static final long EXPIRED = 2;
    private static final long INTERRUPTED = 3;
    private static final long PHASE = 3;

    private final Thread thread = Thread.currentThread();
    private final boolean reusable;
    private final AtomicLong state = new AtomicLong(IDLE);
    /** Calls begun on this deadline; written by its thread only. */
    private long calls;
    /** Ticks the running call may last; written by its thread before the release store that starts the call. */
    private long allowedTicks;
    /** The watchdog's own: the call it saw running at its last tick, and for how many ticks since. */
    private long seenCall = -1;
    private long age;

    private Deadline(boolean reusable) {
      this.reusable = reusable;
    }

    private boolean begin(long ticks) {
      if ((state.getPlain() & PHASE) != IDLE) {
        return false;
      }
      allowedTicks = ticks;
      calls++;
      state.setRelease(calls << 2 | RUNNING);
      return true;
    }

    /**
     * Ends the call; true when it expired, in which case the interrupt sent to this thread is cleared, so it does
     * not leak into the caller's next blocking call.
     */
    private boolean end() {
      if (state.compareAndSet(calls << 2 | RUNNING, calls << 2 | IDLE)) {
        return false;
      }
      while (state.get() != (calls << 2 | INTERRUPTED)) {
        Thread.onSpinWait();
      }
      Thread.interrupted();
      state.set(calls << 2 | IDLE);
      return true;
    }

    /** On the watchdog's thread, once per tick. */
    private void tick() {
      long s = state.get();
      if ((s & PHASE) != RUNNING) {
        return;
      }
      long call = s >>> 2;
      if (call != seenCall) {
        seenCall = call; // began within the last tick: its whole ticks count from here
        age = 0;
        return;
      }
      if (++age >= allowedTicks && state.compareAndSet(s, call << 2 | EXPIRED)) {
        thread.interrupt();
        state.set(call << 2 | INTERRUPTED);
      }
    }
  }

  private final Set<Deadline> watched = ConcurrentHashMap.newKeySet();
  private final ThreadLocal<Deadline> slots;
  private final Thread thread;
  private final long tickMillis;
  private final long tickNanos;
  private volatile boolean closed;

  Watchdog(String name, long tickMillis) {
    this.tickMillis = tickMillis;
    this.tickNanos = TimeUnit.MILLISECONDS.toNanos(tickMillis);
    this.slots = ThreadLocal.withInitial(() -> {
      Deadline d = new Deadline(true);
      watched.add(d);
      return d;
    });
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * The whole ticks a call bound by {@code timeoutNanos} may last once first seen (see the class comment).
   *
   * @param timeoutNanos the bound
   * @return the ticks, at least one
   */
  long ticks(long timeoutNanos) {
    // Rounded up without adding first: a bound near Long.MAX_VALUE would overflow into a single tick.
    return Math.max(1, timeoutNanos / tickNanos + (timeoutNanos % tickNanos == 0 ? 0 : 1));
  }

  /** Starts watching a call on this thread that may last {@code ticks} whole ticks (from {@link #ticks}). */
  Deadline start(long ticks) {
    Deadline slot = slots.get();
    if (slot.begin(ticks)) {
      return slot;
    }
    Deadline nested = new Deadline(false);
    nested.begin(ticks);
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
      for (Deadline d : watched) {
        if (!d.thread.isAlive()) {
          watched.remove(d); // a thread's slot outlives it only until here
        } else {
          d.tick();
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
