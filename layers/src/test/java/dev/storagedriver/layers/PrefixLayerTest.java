package dev.storagedriver.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.storagedriver.ErrorCode;
import dev.storagedriver.InvalidConfigException;
import dev.storagedriver.InvalidOffsetException;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDriverException;
import dev.storagedriver.inmemory.InMemoryStore;
import java.nio.file.FileVisitResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The prefix layer: the store through a directory, with no way to name anything outside it. */
class PrefixLayerTest {
  private final InMemoryStore store = new InMemoryStore(0);
  private StorageDriver whole;
  private StorageDriver tenant;

  @BeforeEach
  void open() throws Exception {
    whole = store.newDriver();
    whole.putContent("/secret", new byte[] {6});
    whole.putContent("/tenants/b/file", new byte[] {6});
    whole.putContent("/tenants/ab/file", new byte[] {6});
    tenant = Stacks.open(store.backend(), "[ { name = prefix, path = /tenants/a } ]");
  }

  /** The paths a whole walk of the tenant's root visits, in order. */
  private List<String> walkedFromTheRoot() throws Exception {
    List<String> seen = new ArrayList<>();
    tenant.walk("/", info -> {
      seen.add(info.path());
      return FileVisitResult.CONTINUE;
    });
    return seen;
  }

  @Test
  void writes_landBelowThePrefix() throws Exception {
    tenant.putContent("/x/y", new byte[] {1});
    assertThat(whole.getContent("/tenants/a/x/y")).containsExactly(1);
    assertThat(tenant.list("/")).containsExactly("/x");
    assertThat(tenant.stat("/x/y").path()).isEqualTo("/x/y");
  }

  @Test
  void theRoot_existsAndIsEmpty_beforeAnythingIsWritten() throws Exception {
    assertThat(tenant.stat("/").isDirectory()).isTrue();
    assertThat(tenant.list("/")).isEmpty();
    assertThat(walkedFromTheRoot()).isEmpty();
  }

  @Test
  void aPrefixThatIsAFile_showsAnEmptyRootDirectory_andWritingBelowItConflicts() throws Exception {
    whole.putContent("/tenants/a", new byte[] {9});

    assertThat(tenant.stat("/").isDirectory()).isTrue();
    assertThat(tenant.list("/")).isEmpty();
    assertThat(walkedFromTheRoot()).isEmpty();
    StorageDriverException e = catchThrowableOfType(StorageDriverException.class,
        () -> tenant.putContent("/x", new byte[] {1}));
    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
    assertThat(whole.getContent("/tenants/a")).containsExactly(9);
  }

  @Test
  void pathsOutsideThePrefix_cannotBeNamed() throws Exception {
    for (String escape : List.of("/../secret", "/../b/file", "/./../../secret", "/..", "//secret")) {
      StorageDriverException e = catchThrowableOfType(StorageDriverException.class, () -> tenant.getContent(escape));
      assertThat(e.code()).as(escape).isEqualTo(ErrorCode.INVALID_PATH);
    }
    assertThat(catchThrowableOfType(StorageDriverException.class, () -> tenant.getContent("/secret")).code())
        .isEqualTo(ErrorCode.PATH_NOT_FOUND);
    tenant.putContent("/b", new byte[] {1});
    tenant.delete("/b");
    // deleting "/b" here is /tenants/a/b below; the sibling tenant /tenants/b and /tenants/ab are untouched
    assertThat(whole.getContent("/tenants/b/file")).containsExactly(6);
    assertThat(whole.getContent("/tenants/ab/file")).containsExactly(6);
  }

  @Test
  void walkAndMove_seeOnlyPathsBelowThePrefix_withoutIt() throws Exception {
    tenant.putContent("/d/f", new byte[] {1});
    tenant.move("/d/f", "/d/g");
    assertThat(walkedFromTheRoot()).containsExactly("/d", "/d/g");
    assertThat(whole.list("/tenants/a/d")).containsExactly("/tenants/a/d/g");
  }

  @Test
  void aPathTooLongOnceJoined_isAnInvalidPathNamingThePathGiven() throws Exception {
    String path = "/" + "x".repeat(254) + "/" + "y".repeat(254) + "/" + "z".repeat(254) + "/" + "w".repeat(254);
    whole.putContent(path, new byte[] {1}); // the path itself is valid (1,020 bytes) ...
    whole.delete("/" + "x".repeat(254));
    StorageDriverException e = catchThrowableOfType(StorageDriverException.class,
        () -> tenant.putContent(path, new byte[] {1}));
    // ... but /tenants/a in front of it passes the 1,023-byte limit
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PATH);
    assertThat(e.path()).contains(path);
    assertThat(e.getMessage()).contains("/tenants/a");
  }

  @Test
  void aPrefixThatIsNotAPathBelowTheRoot_isRefusedAtStartUp() {
    for (String bad : List.of("tenants", "/", "/a/../b", "/a/")) {
      InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class,
          () -> Stacks.stack(store.backend(), "[ { name = prefix, path = \"" + bad + "\" } ]"));
      assertThat(e.key()).as(bad).isEqualTo("storagedriver.layers[0].path");
    }
  }

  @Test
  void aMissingPrefix_isRequired() {
    InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class,
        () -> Stacks.stack(store.backend(), "[prefix]"));
    assertThat(e.key()).isEqualTo("storagedriver.layers[0].path");
    assertThat(e.getMessage()).contains("is required");
  }

  @Test
  void typedFailuresFromTheDriver_nameTheCallersPath_notTheJoinedOne() throws Exception {
    tenant.putContent("/f", new byte[5]);
    InvalidOffsetException offset = catchThrowableOfType(InvalidOffsetException.class,
        () -> tenant.reader("/f", 100));
    assertThat(offset.path()).hasValue("/f");
    assertThat(offset.offset()).isEqualTo(100);
    StorageDriverException conflict = catchThrowableOfType(StorageDriverException.class,
        () -> tenant.putContent("/f/g", new byte[1]));
    assertThat(conflict.code()).isEqualTo(ErrorCode.CONFLICT);
    assertThat(conflict.path()).hasValue("/f/g");
    assertThat(conflict.getMessage()).contains("/f/g").doesNotContain("/tenants/a");
  }

  @Test
  void typedFailuresFromALayerBelow_nameTheCallersPath() throws Exception {
    StorageDriver readOnlyTenant = Stacks.open(store.backend(), "[ { name = prefix, path = /tenants/a }, readonly ]");
    StorageDriverException e = catchThrowableOfType(StorageDriverException.class,
        () -> readOnlyTenant.putContent("/x", new byte[1]));
    assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(e.path()).hasValue("/x");
    assertThat(e.getMessage()).contains("putContent /x:").doesNotContain("/tenants/a");
  }

  @Test
  void typedFailuresOfAStreamFromBelow_nameTheCallersPath() throws Exception {
    StorageDriver cutTenant = Stacks.open(store.backend(), "[ { name = prefix, path = /tenants/a }, "
        + "{ name = faults, cutrate = 1, cutwithin = 1, operations = [reader, writer] } ]");
    tenant.putContent("/f", new byte[5]);
    try (java.io.InputStream in = cutTenant.reader("/f", 0)) {
      StorageDriverException e = catchThrowableOfType(StorageDriverException.class, in::read);
      assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
      assertThat(e.path()).hasValue("/f");
      assertThat(e.getMessage()).doesNotContain("/tenants/a");
    }
    try (dev.storagedriver.FileWriter w = cutTenant.writer("/g", false)) {
      StorageDriverException e = catchThrowableOfType(StorageDriverException.class, () -> w.write(new byte[5]));
      assertThat(e.path()).hasValue("/g");
      w.cancel();
    }
  }
}
