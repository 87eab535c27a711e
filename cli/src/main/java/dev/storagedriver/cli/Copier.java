package dev.storagedriver.cli;

import dev.storagedriver.Capability;
import dev.storagedriver.FileInfo;
import dev.storagedriver.FileWriter;
import dev.storagedriver.PathNotFoundException;
import dev.storagedriver.PendingWrite;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDriverException;
import dev.storagedriver.StoragePaths;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copies files from one driver to another (or within one) on a bounded pool, skipping files whose destination is
 * unchanged by the chosen {@link Compare comparison}. Every write is committed whole, so an interrupted run leaves
 * finished files and nothing half-visible. A run {@linkplain Interruption interrupted} starts no new file and
 * closes its open writers <em>without</em> commit: where the destination declares {@link
 * Capability#RESUMABLE_APPEND}, the next run reopens such a write with {@code writer(path, true)}, learns from
 * {@link FileWriter#size()} how much is there, and sends only the rest; only a write the {@link ResumeJournal}
 * names as kept by this tool for the same source, unchanged, is reopened.
 */
final class Copier {
  private static final int BUFFER = 1 << 16;

  /** How a file at the destination is judged unchanged (and skipped). */
  enum Compare {
    /** Same size, and the destination was written no earlier than the source changed (as aws s3 sync). */
    SIZE_AND_TIME("size-and-modtime", "size and modification time"),
    /** Same size. */
    SIZE_ONLY("size-only", "size only"),
    /** Same size and the same SHA-256 of the content, streamed from both sides. */
    CHECKSUM("checksum", "SHA-256 checksum of both sides");

    /** The name in JSON output. */
    final String key;
    /** The words in the summary. */
    final String words;

    Compare(String key, String words) {
      this.key = key;
      this.words = words;
    }
  }

  /** One file to copy: its source's path, size and time, and where it goes. */
  record Item(FileInfo source, String destination) {
    long size() {
      return source.size();
    }
  }

  /**
   * What a run did (or, in a dry run, would do).
   *
   * @param copied files written and committed (resumed ones included)
   * @param resumed of those, files that continued an uncommitted write
   * @param skipped files found unchanged
   * @param failed files that could not be copied (or, with sync --delete, deleted), each reported
   * @param deleted destination files removed (sync --delete)
   * @param partial files stopped part-way by an interruption, their writes kept uncommitted for resuming
   * @param notStarted files an interruption kept from starting
   * @param bytes bytes sent (in a dry run: that would be sent)
   * @param resumedBytes bytes a resume found already written and did not send again
   */
  record Summary(Compare compare, boolean dryRun, int planned, int copied, int resumed, int skipped, int failed,
      int deleted, int partial, int notStarted, long bytes, long resumedBytes, long nanos) {
    boolean interrupted() {
      return partial + notStarted > 0;
    }

    /** This summary with {@code n} files deleted and {@code failedDeletes} more counted as failed. */
    Summary withDeleted(int n, int failedDeletes) {
      return new Summary(compare, dryRun, planned, copied, resumed, skipped, failed + failedDeletes, n, partial,
          notStarted, bytes, resumedBytes, nanos);
    }

    String describe() {
      StringBuilder text = new StringBuilder();
      if (dryRun) {
        text.append("dry run: would copy ").append(Cli.count(copied, "file")).append(" (")
            .append(Sizes.human(bytes)).append("), skip ").append(skipped).append(" unchanged");
        if (deleted > 0) {
          text.append(", delete ").append(Cli.count(deleted, "file"));
        }
      } else {
        text.append(interrupted() ? "interrupted: " : "").append("copied ").append(Cli.count(copied, "file"))
            .append(" (").append(Sizes.human(bytes)).append(")");
        if (resumed > 0) {
          text.append(", ").append(resumed).append(" of them resumed (").append(Sizes.human(resumedBytes))
              .append(" already there, not sent again)");
        }
        text.append(", skipped ").append(skipped).append(" unchanged, ").append(failed).append(" failed");
        if (deleted > 0) {
          text.append(", deleted ").append(Cli.count(deleted, "file"));
        }
        text.append(String.format(Locale.ROOT, ", in %.1f s", nanos / 1e9));
      }
      text.append("; compared by ").append(compare.words);
      if (interrupted()) {
        text.append(System.lineSeparator()).append("not done: ").append(Cli.count(notStarted, "file"))
            .append(" not started, ").append(partial).append(" stopped part-way (kept uncommitted; resumed where "
                + "the destination supports it). Run the same command again to continue.");
      }
      return text.toString();
    }
  }

  private final StorageDriver from;
  private final StorageDriver to;
  private final StoreLocation fromStore;
  private final StoreLocation toStore;
  private final ResumeJournal journal;
  private final int parallel;
  private final boolean force;
  private final Compare compare;
  private final boolean dryRun;
  private final Progress progress;
  private final Interruption interruption;
  private final boolean resumable;
  private final AtomicInteger copied = new AtomicInteger();
  private final AtomicInteger resumed = new AtomicInteger();
  private final AtomicInteger skipped = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicInteger partial = new AtomicInteger();
  private final AtomicInteger notStarted = new AtomicInteger();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong resumedBytes = new AtomicLong();

  /**
   * @param fromStore where the source's paths lie, to tell a file copied onto itself
   * @param toStore where the destination's paths lie
   * @param journal the writes kept for resuming, and their sources
   * @param force copy even files found unchanged
   * @param dryRun decide as a real run would, but write nothing
   */
  Copier(StorageDriver from, StoreLocation fromStore, StorageDriver to, StoreLocation toStore,
      ResumeJournal journal, int parallel, boolean force, Compare compare, boolean dryRun,
      Progress progress, Interruption interruption) {
    this.from = from;
    this.to = to;
    this.fromStore = fromStore;
    this.toStore = toStore;
    this.journal = journal;
    this.parallel = parallel;
    this.force = force;
    this.compare = compare;
    this.dryRun = dryRun;
    this.progress = progress;
    this.interruption = interruption;
    this.resumable = to.capabilities().contains(Capability.RESUMABLE_APPEND);
  }

  /** Copies {@code items}. */
  Summary run(List<Item> items) throws InterruptedException {
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
        } catch (ExecutionException e) {
          throw new IllegalStateException("copy task failed unexpectedly", e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return new Summary(compare, dryRun, items.size(), copied.get(), resumed.get(), skipped.get(), failed.get(), 0,
        partial.get(), notStarted.get(), bytes.get(), resumedBytes.get(), System.nanoTime() - started);
  }

  /** What the destination holds for an item. */
  private enum State { MISSING, SAME, DIFFERENT }

  private void copyOne(Item item) {
    if (interruption.requested()) {
      notStarted.incrementAndGet();
      return;
    }
    try {
      State state = state(item);
      if (state == State.SAME && (!force || isItself(item))) {
        skipped.incrementAndGet();
        progress.done(item.destination(), item.size(), Progress.Outcome.SKIPPED, null);
        return;
      }
      if (dryRun) {
        copied.incrementAndGet();
        bytes.addAndGet(item.size());
        progress.done(item.destination(), item.size(), Progress.Outcome.WOULD_COPY, null);
        return;
      }
      transfer(item, state == State.MISSING);
    } catch (IOException | RuntimeException e) {
      failed.incrementAndGet();
      progress.done(item.source().path(), item.size(), Progress.Outcome.FAILED, e);
    }
  }

  /** A file copied onto itself: skipped even with --force, which would read and replace it at once. */
  private boolean isItself(Item item) {
    return fromStore.same(item.source().path(), toStore, item.destination());
  }

  private State state(Item item) throws IOException {
    if (isItself(item)) {
      return State.SAME;
    }
    FileInfo there;
    try {
      there = to.stat(item.destination());
    } catch (PathNotFoundException e) {
      return State.MISSING;
    }
    if (there.isDirectory() || there.size() != item.size()) {
      return State.DIFFERENT;
    }
    boolean same = switch (compare) {
      case SIZE_ONLY -> true;
      case SIZE_AND_TIME -> !item.source().modTime().isAfter(there.modTime());
      case CHECKSUM -> Arrays.equals(sha256(from, item.source().path()), sha256(to, item.destination()));
    };
    return same ? State.SAME : State.DIFFERENT;
  }

  private static byte[] sha256(StorageDriver driver, String path) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
    try (InputStream in = driver.reader(path, 0)) {
      byte[] buffer = new byte[BUFFER];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return digest.digest();
  }

  private void transfer(Item item, boolean missing) throws IOException {
    String keptAt = toStore.key(item.destination());
    String ofSource = fromStore.key(item.source().path()) + "\n" + item.size() + "\n" + item.source().modTime();
    boolean resumableHere = resumable && item.size() >= ResumeJournal.MIN_SIZE;
    // Only a write this tool kept for this very source is continued; anything else at the path starts over.
    boolean resume = missing && resumableHere && journal.recorded(keptAt, ofSource);
    if (resumableHere) {
      journal.forget(keptAt); // recorded again only if this run keeps its write
    }
    FileWriter writer = resume ? resumedWriter(item) : to.writer(item.destination(), false);
    long offset = writer.size();
    if (offset > 0) {
      progress.transferred(offset); // already there: counts as done for the bar
    }
    boolean kept = false;
    try {
      try (writer; InputStream in = from.reader(item.source().path(), offset)) {
        try {
          byte[] buffer = new byte[BUFFER];
          for (int n; (n = in.read(buffer)) > 0; ) {
            if (interruption.requested()) {
              // close (by try-with-resources) without commit or cancel: the write stays, to be resumed
              kept = true;
              partial.incrementAndGet();
              progress.done(item.destination(), writer.size(), Progress.Outcome.INTERRUPTED, null);
              return;
            }
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
        long sent = writer.size() - offset;
        copied.incrementAndGet();
        bytes.addAndGet(sent);
        if (offset > 0) {
          resumed.incrementAndGet();
          resumedBytes.addAndGet(offset);
        }
        progress.done(item.destination(), sent, offset > 0 ? Progress.Outcome.RESUMED : Progress.Outcome.COPIED,
            null);
      }
    } finally {
      if (kept && resumableHere) {
        journal.record(keptAt, ofSource); // after the close: what is kept at the path is this write
      }
    }
  }

  /**
   * A writer continuing what an interrupted run left at the (still missing) destination, or a fresh one when
   * there is nothing to continue or what is there cannot be from this source: longer than the source, or (where
   * the driver lists pending writes) last written before the source changed.
   */
  private FileWriter resumedWriter(Item item) throws IOException {
    FileWriter writer;
    try {
      writer = to.writer(item.destination(), true);
    } catch (StorageDriverException e) {
      return to.writer(item.destination(), false); // e.g. a write with a gap: start over
    }
    long there = writer.size();
    if (there == 0 || (there <= item.size() && !stale(item))) {
      return writer;
    }
    try (writer) {
      writer.cancel();
    }
    return to.writer(item.destination(), false);
  }

  private boolean stale(Item item) throws IOException {
    if (!to.capabilities().contains(Capability.PENDING_WRITES)) {
      return false; // no way to tell; the size check above is all there is
    }
    String parent = StoragePaths.parent(item.destination());
    for (PendingWrite write : to.pendingWrites(parent)) {
      if (write.path().equals(item.destination()) && write.lastModified().isBefore(item.source().modTime())) {
        return true;
      }
    }
    return false;
  }
}
