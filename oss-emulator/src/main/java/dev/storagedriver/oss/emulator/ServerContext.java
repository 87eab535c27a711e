package dev.storagedriver.oss.emulator;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** What every connection's handler shares: state, routing, auth, faults and request statistics. */
final class ServerContext {
  final Store store;
  final Router router;
  final Authenticator auth;
  final Faults faults;
  final Set<String> vhostDomains;
  final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong();
  private final long startNanos = System.nanoTime();

  ServerContext(Store store, Router router, Authenticator auth, Faults faults, Set<String> vhostDomains) {
    this.store = store;
    this.router = router;
    this.auth = auth;
    this.faults = faults;
    this.vhostDomains = vhostDomains;
  }

  void count(String operation) {
    counts.computeIfAbsent(operation, k -> new LongAdder()).increment();
  }

  /** A 24-hex-digit id like OSS's, unique within this emulator. */
  String nextRequestId() {
    return String.format("%012X%012X", startNanos & 0xFFFFFFFFFFFFL, sequence.incrementAndGet());
  }
}
