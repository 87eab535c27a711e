package dev.storagedriver.oss.emulator;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault injection for reliability tests. Each rule matches requests by operation name (as in
 * {@link OssEmulator#requestCount(String)}, e.g. {@code "GetObject"}) and optionally by exact object key, and fires
 * for the next N matching requests (default 1), after which it is gone. The first matching rule wins.
 *
 * <pre>{@code
 * emulator.faults().on("PutObject").key("a.txt").times(2).failWith(503, "ServiceUnavailable");
 * emulator.faults().on("GetObject").delay(Duration.ofMillis(200));
 * emulator.faults().on("GetObject").corruptBody();   // one byte flipped, so the CRC no longer matches
 * emulator.faults().onAnyOperation().resetConnection();
 * }</pre>
 *
 * <p>Thread-safe. Standalone, the same rules are set through {@code POST /_emulator/faults} (see README).
 */
public final class Faults {
  /** What a matching rule does to a request. */
  enum Kind {
    FAIL, DELAY, CUT_BODY, RESET, CORRUPT_BODY, CORRUPT_REQUEST_BODY, IGNORE_RANGE
  }

  /** A fired fault, as applied by the HTTP layer. */
  record Action(Kind kind, int status, String code, long delayMillis) {}

  private record Entry(String operation, String key, AtomicInteger remaining, Action action) {}

  private final List<Entry> rules = new CopyOnWriteArrayList<>();

  Faults() {}

  /**
   * Starts a rule for one operation name, e.g. {@code "GetObject"}, {@code "UploadPart"}.
   *
   * @param operation the OSS API operation the rule matches, as OSS names it
   * @return the rule, matching every key once until narrowed; it takes effect when its effect is picked
   */
  public Rule on(String operation) {
    return new Rule(Objects.requireNonNull(operation, "operation"), null, 1);
  }

  /**
   * Starts a rule matching every operation.
   *
   * @return the rule, matching every request once until narrowed; it takes effect when its effect is picked
   */
  public Rule onAnyOperation() {
    return new Rule(null, null, 1);
  }

  /** Removes every rule, fired or not. */
  public void clear() {
    rules.clear();
  }

  /**
   * The number of rules that can still fire.
   *
   * @return how many rules have firings left; 0 once every rule was used up or cleared
   */
  public int pendingRules() {
    return (int) rules.stream().filter(e -> e.remaining.get() > 0).count();
  }

  /** Consumes one firing of the first rule matching this request, or returns null. */
  Action take(String operation, String key) {
    for (Entry e : rules) {
      if ((e.operation == null || e.operation.equals(operation)) && (e.key == null || e.key.equals(key))) {
        int left = e.remaining.getAndDecrement();
        if (left > 0) {
          if (left == 1) {
            rules.remove(e);
          }
          return e.action;
        }
        rules.remove(e);
      }
    }
    return null;
  }

  /** A rule under construction: narrow it with {@link #key} and {@link #times}, then pick its effect. */
  public final class Rule {
    private final String operation;
    private final String key;
    private final int times;

    private Rule(String operation, String key, int times) {
      this.operation = operation;
      this.key = key;
      this.times = times;
    }

    /**
     * Only requests for this exact object key match.
     *
     * @param objectKey the object key, without the bucket
     * @return a narrower rule; this one is unchanged
     */
    public Rule key(String objectKey) {
      return new Rule(operation, Objects.requireNonNull(objectKey, "objectKey"), times);
    }

    /**
     * Fires for the next {@code n} matching requests (default 1).
     *
     * @param n how many matching requests the rule fires for, at least 1
     * @return a rule with that count; this one is unchanged
     * @throws IllegalArgumentException if {@code n} is not positive
     */
    public Rule times(int n) {
      if (n <= 0) {
        throw new IllegalArgumentException("times (" + n + ") must be positive");
      }
      return new Rule(operation, key, n);
    }

    /**
     * Fires for every matching request until {@link Faults#clear()}.
     *
     * @return a rule without a count; this one is unchanged
     */
    public Rule always() {
      return new Rule(operation, key, Integer.MAX_VALUE);
    }

    /**
     * Answers with this HTTP status and OSS error code (the request body is read and discarded).
     *
     * @param status the HTTP status, 4xx or 5xx
     * @param errorCode the OSS error code in the XML body, e.g. {@code "InternalError"}
     * @throws IllegalArgumentException if {@code status} is not an error status
     */
    public void failWith(int status, String errorCode) {
      if (status < 400 || status > 599) {
        throw new IllegalArgumentException("status (" + status + ") must be 4xx or 5xx");
      }
      add(new Action(Kind.FAIL, status, Objects.requireNonNull(errorCode, "errorCode"), 0));
    }

    /**
     * Delays the response by {@code latency}, then serves the request normally.
     *
     * @param latency how long to wait before answering
     */
    public void delay(Duration latency) {
      add(new Action(Kind.DELAY, 0, null, latency.toMillis()));
    }

    /** Sends the headers (full Content-Length) and half of the body, then closes the connection. */
    public void cutBody() {
      add(new Action(Kind.CUT_BODY, 0, null, 0));
    }

    /**
     * Serves the request, then resets the TCP connection (RST) instead of sending the response: the client cannot
     * tell whether a write took effect (it did), as when an answer is lost on the way back.
     */
    public void resetConnection() {
      add(new Action(Kind.RESET, 0, null, 0));
    }

    /** Flips one byte in the middle of the response body; headers, including the CRC, are unchanged. */
    public void corruptBody() {
      add(new Action(Kind.CORRUPT_BODY, 0, null, 0));
    }

    /**
     * Flips one byte in the middle of the first part of the request body that arrives, before the server reads
     * it: as if the body were damaged in transit. A Content-MD5 then refuses it (InvalidDigest); without one the
     * damaged bytes are stored and the response's CRC-64 is theirs.
     */
    public void corruptRequestBody() {
      add(new Action(Kind.CORRUPT_REQUEST_BODY, 0, null, 0));
    }

    /**
     * Serves a ranged GET as if it had no Range header: 200 with the whole object, as OSS does by default for a
     * range it cannot satisfy, and as some proxies do.
     */
    public void ignoreRange() {
      add(new Action(Kind.IGNORE_RANGE, 0, null, 0));
    }

    private void add(Action a) {
      rules.add(new Entry(operation, key, new AtomicInteger(times), a));
    }
  }
}
