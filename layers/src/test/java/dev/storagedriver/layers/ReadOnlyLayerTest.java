package dev.storagedriver.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.storagedriver.Capability;
import dev.storagedriver.ErrorCode;
import dev.storagedriver.FileWriter;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDriverException;
import dev.storagedriver.inmemory.InMemoryStore;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The readonly layer: every change refused, typed, and the store exactly as it was. */
class ReadOnlyLayerTest {
  private final InMemoryStore store = new InMemoryStore(0);
  private StorageDriver writable;
  private StorageDriver readOnly;
  private List<String> before;

  @BeforeEach
  void fillStoreAndOpenReadOnly() throws Exception {
    writable = store.newDriver();
    writable.putContent("/a/file", new byte[] {1, 2});
    writable.putContent("/a/empty", new byte[0]);
    try (FileWriter pending = writable.writer("/a/pending", false)) {
      pending.write(new byte[] {9});
    }
    readOnly = Stacks.open(store.backend(), "[readonly]");
    before = snapshot();
  }

  /** Every path with its size and content, and the uncommitted writes: what "unchanged" means. */
  private List<String> snapshot() throws Exception {
    List<String> lines = new ArrayList<>();
    writable.walk("/", info -> {
      lines.add(info.path() + " " + info.size() + (info.isDirectory() ? "/" : " "
          + java.util.Arrays.toString(writable.getContent(info.path()))));
      return FileVisitResult.CONTINUE;
    });
    try (FileWriter resumed = writable.writer("/a/pending", true)) {
      lines.add("pending /a/pending " + resumed.size());
    }
    return lines;
  }

  private void assertRefused(ThrowingCall call, ErrorCode code) throws Exception {
    StorageDriverException e = catchThrowableOfType(StorageDriverException.class, call::run);
    assertThat(e).isNotNull();
    assertThat(e.code()).isEqualTo(code);
    assertThat(snapshot()).isEqualTo(before);
  }

  private interface ThrowingCall {
    void run() throws Exception;
  }

  @Test
  void putContent_isRefused_andNothingChanges() throws Exception {
    assertRefused(() -> readOnly.putContent("/a/file", new byte[] {7}), ErrorCode.PERMISSION_DENIED);
    assertRefused(() -> readOnly.putContent("/new", new byte[] {7}), ErrorCode.PERMISSION_DENIED);
  }

  @Test
  void writer_isRefused_andThePendingWriteIsKept() throws Exception {
    assertRefused(() -> readOnly.writer("/a/pending", false), ErrorCode.PERMISSION_DENIED);
    assertRefused(() -> readOnly.writer("/a/other", false), ErrorCode.PERMISSION_DENIED);
  }

  @Test
  void appendingWriter_isUnsupported_sinceTheLayerTakesTheCapabilityAway() throws Exception {
    assertThat(writable.capabilities()).contains(Capability.RESUMABLE_APPEND);
    assertThat(readOnly.capabilities()).doesNotContain(Capability.RESUMABLE_APPEND);
    assertRefused(() -> readOnly.writer("/a/pending", true), ErrorCode.UNSUPPORTED);
  }

  @Test
  void move_isRefused_andBothPathsStayAsTheyWere() throws Exception {
    assertRefused(() -> readOnly.move("/a/file", "/a/empty"), ErrorCode.PERMISSION_DENIED);
  }

  @Test
  void delete_isRefused_andTheTreeStays() throws Exception {
    assertRefused(() -> readOnly.delete("/a"), ErrorCode.PERMISSION_DENIED);
  }

  @Test
  void purgingPendingWrites_isRefused_andTheyStay() throws Exception {
    assertRefused(() -> readOnly.purgePendingWrites("/", Instant.now().plusSeconds(3600)),
        readOnly.capabilities().contains(Capability.PENDING_WRITES) ? ErrorCode.PERMISSION_DENIED
            : ErrorCode.UNSUPPORTED);
  }

  @Test
  void reads_listsAndStats_pass() throws Exception {
    assertThat(readOnly.getContent("/a/file")).containsExactly(1, 2);
    try (InputStream in = readOnly.reader("/a/file", 1)) {
      assertThat(in.readAllBytes()).containsExactly(2);
    }
    assertThat(readOnly.list("/a")).containsExactly("/a/empty", "/a/file");
    assertThat(readOnly.stat("/a").isDirectory()).isTrue();
  }
}
