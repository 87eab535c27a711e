package dev.storagedriver.cli;

import dev.storagedriver.FileInfo;
import dev.storagedriver.FileWriter;
import dev.storagedriver.PathNotFoundException;
import dev.storagedriver.StorageDriver;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copies files from one driver to another (or within one) on a bounded pool. A file whose destination already
 * has the same size is skipped, which is what makes a copy resumable: every write is committed whole, so an
 * interrupted run leaves finished files and nothing half-written, and running it again copies only the rest.
 */
final class Copier {
  /** One file to copy. */
  record Item(String source, String destination, long size) {}

  /** What a run did. */
  record Summary(int copied, int skipped, int failed, int deleted, long bytes, long nanos) {
    String describe() {
      double seconds = nanos / 1e9;
      String text = String.format(java.util.Locale.ROOT, "copied %d files (%s), skipped %d unchanged, %d failed",
          copied, Sizes.human(bytes), skipped, failed);
      if (deleted > 0) {
        text += ", deleted " + deleted;
      }
      return text + String.format(java.util.Locale.ROOT, ", in %.1f s", seconds);
    }
  }

  private final StorageDriver from;
  private final StorageDriver to;
  private final int parallel;
  private final boolean force;
  private final Progress progress;
  private final AtomicInteger copied = new AtomicInteger();
  private final AtomicInteger skipped = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicLong bytes = new AtomicLong();

  /**
   * @param force copy even when the destination has the same size
   */
  Copier(StorageDriver from, StorageDriver to, int parallel, boolean force, Progress progress) {
    this.from = from;
    this.to = to;
    this.parallel = parallel;
    this.force = force;
    this.progress = progress;
  }

  /** Copies {@code items}; {@code deleted} is reported in the summary (sync's extraneous files). */
  Summary run(List<Item> items, int deleted) throws InterruptedException {
    long started = System.nanoTime();
    progress.start(items.size(), items.stream().mapToLong(Item::size).sum());
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, items.size())), r -> {
      Thread t = new Thread(r, "storagedriver-copy");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (Item item : items) {
        futures.add(pool.submit(() -> copyOne(item)));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          throw new IllegalStateException("copy task failed unexpectedly", e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return new Summary(copied.get(), skipped.get(), failed.get(), deleted, bytes.get(), System.nanoTime() - started);
  }

  private void copyOne(Item item) {
    try {
      if (!force && unchanged(item)) {
        skipped.incrementAndGet();
        progress.done(item.destination(), item.size(), Progress.Outcome.SKIPPED, null);
        return;
      }
      long n = transfer(item);
      copied.incrementAndGet();
      bytes.addAndGet(n);
      progress.done(item.destination(), n, Progress.Outcome.COPIED, null);
    } catch (IOException | RuntimeException e) {
      failed.incrementAndGet();
      progress.done(item.source(), item.size(), Progress.Outcome.FAILED, e);
    }
  }

  private boolean unchanged(Item item) throws IOException {
    if (from == to && item.source().equals(item.destination())) {
      return true;
    }
    try {
      FileInfo there = to.stat(item.destination());
      return !there.isDirectory() && there.size() == item.size();
    } catch (PathNotFoundException e) {
      return false;
    }
  }

  private long transfer(Item item) throws IOException {
    try (InputStream in = from.reader(item.source(), 0); FileWriter writer = to.writer(item.destination(), false)) {
      try {
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) > 0; ) {
          writer.write(buffer, 0, n);
          progress.transferred(n);
        }
        writer.commit();
      } catch (IOException | RuntimeException e) {
        try {
          writer.cancel();
        } catch (IOException | RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
      return writer.size();
    }
  }
}
