package dev.storagedriver.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.storagedriver.Capability;
import dev.storagedriver.DriverException;
import dev.storagedriver.ErrorCode;
import dev.storagedriver.FileWriter;
import dev.storagedriver.RedirectMethod;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDrivers;
import dev.storagedriver.StoragePaths;
import dev.storagedriver.WalkOptions;
import dev.storagedriver.WalkVisitor;
import dev.storagedriver.spi.ForwardingBackend;
import dev.storagedriver.spi.StorageBackend;
import dev.storagedriver.tck.StorageDriverTck;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.NoSuchFileException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The kit tested against deliberately broken drivers: each must fail the test for the rule it breaks, with a
 * message that points at the fault. A kit that passes broken drivers proves nothing.
 */
class KitCatchesBrokenDriversTest {

  private static StorageBackend healthy() {
    return new InMemoryBackend(new InMemoryStore(0));
  }

  /** Deletes every path that starts with the given one, as Distribution's 2015 OSS driver did. */
  static final class GreedyDeleteKit extends StorageDriverTck {
    @Override
    protected StorageDriver newDriver() {
      return StorageDrivers.portable(new ForwardingBackend(healthy()) {
        @Override
        public void delete(String path) throws IOException {
          for (String sibling : delegate().list("/")) {
            if (sibling.startsWith(path) && !sibling.equals(path)) {
              delegate().delete(sibling);
            }
          }
          delegate().delete(path);
        }
      });
    }
  }

  /** Ignores the offset of a read. */
  static final class OffsetIgnoringKit extends StorageDriverTck {
    @Override
    protected StorageDriver newDriver() {
      return StorageDrivers.portable(new ForwardingBackend(healthy()) {
        @Override
        public InputStream reader(String path, long offset) throws IOException {
          return delegate().reader(path, 0);
        }
      });
    }
  }

  /** Claims redirect URLs and never gives one. */
  static final class FalseRedirectClaimKit extends StorageDriverTck {
    @Override
    protected StorageDriver newDriver() {
      return StorageDrivers.portable(new ForwardingBackend(healthy()) {
        @Override
        public Set<Capability> capabilities() {
          return EnumSet.of(Capability.RESUMABLE_APPEND, Capability.REDIRECT_URL);
        }

        @Override
        public Optional<URI> redirectUrl(String path, RedirectMethod method) {
          return Optional.empty();
        }
      });
    }
  }

  /**
   * Walks natively in the order of {@link String#compareTo}: UTF-16 code units, whole paths at once. It puts
   * {@code /a b} before {@code /a/x} and a character above U+FFFF before U+FF71, unlike the UTF-8 byte order
   * object stores list in.
   */
  static final class Utf16WalkKit extends StorageDriverTck {
    @Override
    protected StorageDriver newDriver() {
      return StorageDrivers.portable(new ForwardingBackend(healthy()) {
        @Override
        public Set<Capability> capabilities() {
          return EnumSet.of(Capability.RESUMABLE_APPEND, Capability.NATIVE_WALK);
        }

        @Override
        public void walk(String path, WalkVisitor visitor, WalkOptions options) throws IOException {
          List<String> all = new ArrayList<>();
          collect(path, all);
          Collections.sort(all);
          for (String p : all) {
            if (visitor.visit(stat(p)) == FileVisitResult.TERMINATE) {
              return;
            }
          }
        }

        private void collect(String directory, List<String> into) throws IOException {
          for (String child : delegate().list(directory)) {
            into.add(child);
            if (delegate().stat(child).isDirectory()) {
              collect(child, into);
            }
          }
        }
      });
    }
  }

  /** Stores every name in NFC, as a normalizing file system does, without declaring NAME_FOLDING. */
  static final class NormalizingKit extends StorageDriverTck {
    @Override
    protected StorageDriver newDriver() {
      return StorageDrivers.portable(new ForwardingBackend(healthy()) {
        @Override
        public void putContent(String path, byte[] content) throws IOException {
          delegate().putContent(Normalizer.normalize(path, Normalizer.Form.NFC), content);
        }

        @Override
        public byte[] getContent(String path) throws IOException {
          return delegate().getContent(Normalizer.normalize(path, Normalizer.Form.NFC));
        }

        @Override
        public void delete(String path) throws IOException {
          delegate().delete(Normalizer.normalize(path, Normalizer.Form.NFC));
        }
      });
    }
  }

  /** Declares NAME_FOLDING and folds case, but merges the second name of a pair instead of refusing it. */
  static final class MergingFoldKit extends StorageDriverTck {
    @Override
    protected StorageDriver newDriver() {
      return StorageDrivers.portable(new ForwardingBackend(healthy()) {
        @Override
        public Set<Capability> capabilities() {
          return EnumSet.of(Capability.RESUMABLE_APPEND, Capability.NAME_FOLDING);
        }

        @Override
        public void putContent(String path, byte[] content) throws IOException {
          delegate().putContent(path.toLowerCase(Locale.ROOT), content);
        }

        @Override
        public byte[] getContent(String path) throws IOException {
          return delegate().getContent(path.toLowerCase(Locale.ROOT));
        }

        @Override
        public void delete(String path) throws IOException {
          delegate().delete(path.toLowerCase(Locale.ROOT));
        }
      });
    }
  }

  /**
   * A correct folding store: declares NAME_FOLDING and refuses a path whose segment equals an existing sibling
   * but for case, with CONFLICT.
   */
  static final class RefusingFoldKit extends StorageDriverTck {
    @Override
    protected StorageDriver newDriver() {
      return StorageDrivers.portable(new ForwardingBackend(healthy()) {
        @Override
        public Set<Capability> capabilities() {
          return EnumSet.of(Capability.RESUMABLE_APPEND, Capability.PENDING_WRITES, Capability.NAME_FOLDING);
        }

        @Override
        public void putContent(String path, byte[] content) throws IOException {
          refuseFolded(path);
          delegate().putContent(path, content);
        }

        @Override
        public FileWriter writer(String path, boolean append) throws IOException {
          refuseFolded(path);
          return delegate().writer(path, append);
        }

        @Override
        public void move(String source, String destination) throws IOException {
          refuseFolded(destination);
          delegate().move(source, destination);
        }

        private void refuseFolded(String path) throws IOException {
          for (String p = path; !StoragePaths.ROOT.equals(p); p = StoragePaths.parent(p)) {
            List<String> siblings;
            try {
              siblings = delegate().list(StoragePaths.parent(p));
            } catch (NoSuchFileException e) {
              continue;
            }
            for (String sibling : siblings) {
              if (!sibling.equals(p) && sibling.equalsIgnoreCase(p)) {
                throw new DriverException(name(), path, ErrorCode.CONFLICT, sibling + " folds onto " + p, null);
              }
            }
          }
        }
      });
    }
  }

  /**
   * Holds paths of at most 1,003 bytes, as an object store does under a 20-byte root prefix, and says so (the
   * kit's longest path and deepest tree then fit in it).
   */
  static class PrefixedKeysKit extends StorageDriverTck {
    static final int LIMIT = 1003;

    @Override
    protected int maxPathBytes() {
      return LIMIT;
    }

    @Override
    protected StorageDriver newDriver() {
      return StorageDrivers.portable(new ForwardingBackend(healthy()) {
        @Override
        public void putContent(String path, byte[] content) throws IOException {
          delegate().putContent(checked(path), content);
        }

        @Override
        public FileWriter writer(String path, boolean append) throws IOException {
          return delegate().writer(checked(path), append);
        }

        @Override
        public void move(String source, String destination) throws IOException {
          delegate().move(source, checked(destination));
        }

        private String checked(String path) throws DriverException {
          if (path.getBytes(StandardCharsets.UTF_8).length > LIMIT) {
            throw new DriverException(name(), path, ErrorCode.INVALID_PATH, "key too long", null);
          }
          return path;
        }
      });
    }
  }

  /** The same store, not saying that its paths are shorter. */
  static final class UndeclaredPrefixKit extends PrefixedKeysKit {
    @Override
    protected int maxPathBytes() {
      return StoragePaths.MAX_PATH_BYTES;
    }
  }

  /** Makes every driver over the same, already used store. */
  static final class SharedStoreKit extends StorageDriverTck {
    @Override
    protected StorageDriver newDriver() throws IOException {
      StorageDriver driver = new InMemoryStore(0).newDriver();
      driver.putContent("/leftover", new byte[] {1});
      return driver;
    }
  }

  /** Forgets to make a driver. */
  static final class NullDriverKit extends StorageDriverTck {
    @Override
    protected StorageDriver newDriver() {
      return null;
    }
  }

  private static Events run(Class<?> kit, String method) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectMethod(kit, method)).execute().testEvents();
  }

  private static List<String> failureMessages(Events events) {
    return events.failed().stream()
        .map(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow())
        .map(r -> String.valueOf(r.getThrowable().map(Throwable::getMessage).orElse("")))
        .collect(Collectors.toList());
  }

  @Test
  void greedyDelete_failsTheTrueSubpathRule() {
    Events events = run(GreedyDeleteKit.class, "delete_touchesOnlyTrueSubpaths_notPathsSharingThePrefix");
    events.assertStatistics(s -> s.started(1).failed(1));
  }

  @Test
  void ignoredOffset_failsTheOffsetRule() {
    Events events = run(OffsetIgnoringKit.class, "reader_atMiddleOffset_returnsTheRest");
    events.assertStatistics(s -> s.started(1).failed(1));
  }

  @Test
  void claimedButMissingRedirect_failsInsteadOfSkipping() {
    Events events = run(FalseRedirectClaimKit.class, "redirectUrl_get_fetchesTheContent");
    events.assertStatistics(s -> s.started(1).failed(1).skipped(0).aborted(0));
    assertThat(failureMessages(events).get(0)).contains("a driver declaring REDIRECT_URL returns a URL");
  }

  @Test
  void utf16WalkOrder_failsTheNamesWalkOrder() {
    Events events = run(Utf16WalkKit.class, "names_walk_visitsEveryPathExactly_inUtf8ByteOrder");
    events.assertStatistics(s -> s.started(1).failed(1));
    // The order is wrong, not the set: the same paths, the ones above U+FFFF too early.
    assertThat(failureMessages(events).get(0)).contains("differences at these indexes")
        .contains("but was \"/names/\ud83d\ude00 grin\"");
  }

  @Test
  void normalizingNames_failsTheNfcNfdPair() {
    Events events = EngineTestKit.engine("junit-jupiter")
        .selectors(selectMethod(NormalizingKit.class, "namesDifferingInCaseOrNormalization_areTwoFiles",
            "java.lang.String, java.lang.String"))
        .execute().testEvents();
    events.assertStatistics(s -> s.started(4).failed(1).succeeded(3));
    assertThat(failureMessages(events).get(0)).contains("caf");
  }

  @Test
  void foldingStoreThatMerges_failsTheFoldedPairRule() {
    Events events = EngineTestKit.engine("junit-jupiter")
        .selectors(selectMethod(MergingFoldKit.class, "foldingStore_neverMergesTwoNames_andRefusesAnAsciiCasePair",
            "java.lang.String, java.lang.String"))
        .execute().testEvents();
    // It lower-cases with Unicode rules, so it merges the three case pairs; the NFC/NFD pair stays two files.
    events.assertStatistics(s -> s.started(4).failed(3).succeeded(1));
    assertThat(failureMessages(events)).anyMatch(m -> m.contains("storing \"/names/readme.txt\""))
        .allMatch(m -> m.contains("on a folding store") || m.contains("after storing its folded twin"));
  }

  @Test
  void foldingStoreThatRefuses_passesTheWholeKit_skippingOnlyThePairsSideBySide() {
    Events events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(RefusingFoldKit.class))
        .execute().testEvents();
    assertThat(failureMessages(events)).isEmpty();
    assertThat(events.aborted().stream().map(e -> e.getTestDescriptor().getDisplayName()))
        .as("skips: redirect (2), append from a new instance and without the capability (2), pending writes "
            + "without the capability (1), and the names kept side by side (4)").hasSize(9);
  }

  @Test
  void storeWithShorterKeys_passesTheNamesTests_whenItDeclaresItsLimit() {
    Events events = EngineTestKit.engine("junit-jupiter").selectors(
        selectMethod(PrefixedKeysKit.class, "longestPath_isStored_andOneByteMoreIsInvalidPath_changingNothing"),
        selectMethod(PrefixedKeysKit.class, "deepestTree_putWalkedFromTheRootAndDeleted_withoutOverflowingTheStack"),
        selectMethod(PrefixedKeysKit.class, "names_walk_visitsEveryPathExactly_inUtf8ByteOrder"))
        .execute().testEvents();
    assertThat(failureMessages(events)).isEmpty();
    events.assertStatistics(s -> s.started(3).succeeded(3));
  }

  @Test
  void storeWithShorterKeys_failsTheLongestPath_whenItDoesNotDeclareItsLimit() {
    Events events = run(UndeclaredPrefixKit.class, "longestPath_isStored_andOneByteMoreIsInvalidPath_changingNothing");
    events.assertStatistics(s -> s.started(1).failed(1));
    assertThat(failureMessages(events).get(0)).contains("key too long");
  }

  @Test
  void storeNotEmptyAtStart_failsEveryTestWithTheReason() {
    Events events = run(SharedStoreKit.class, "stat_ofMissingPath_throwsPathNotFound");
    events.assertStatistics(s -> s.started(1).failed(1));
    assertThat(failureMessages(events).get(0)).contains("EMPTY store").contains("/leftover");
  }

  @Test
  void nullDriver_failsWithTheReason() {
    Events events = run(NullDriverKit.class, "stat_ofMissingPath_throwsPathNotFound");
    events.assertStatistics(s -> s.started(1).failed(1));
    assertThat(failureMessages(events).get(0)).contains("newDriver() returned null");
  }

  @Test
  void healthyDriver_passesTheWholeKit_withSkipsOnlyForUndeclaredCapabilities() {
    Events events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(InMemoryDriverTckTest.class))
        .execute().testEvents();
    assertThat(events.failed().count()).isZero();
    assertThat(events.succeeded().count()).isGreaterThanOrEqualTo(100);
    assertThat(events.aborted().count())
        .as("skips: redirect (2), the no-append case (1), the no-pending-writes case (1) and folding stores' pair "
            + "checks (4)").isEqualTo(8);
  }
}
