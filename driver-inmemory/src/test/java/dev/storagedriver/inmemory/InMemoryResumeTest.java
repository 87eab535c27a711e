package dev.storagedriver.inmemory;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.storagedriver.DriverException;
import dev.storagedriver.ErrorCode;
import dev.storagedriver.FileWriter;
import dev.storagedriver.StorageDriver;
import org.junit.jupiter.api.Test;

/** Opening and resuming writers: only a closed writer's bytes resume, so two writers never share one buffer. */
class InMemoryResumeTest {
  private final InMemoryStore store = new InMemoryStore(0);
  private final StorageDriver driver = store.newDriver();

  @Test
  void resumeWhileTheFirstWriterIsOpen_startsEmpty_andNeitherCommitHoldsTheOthersBytes() throws Exception {
    FileWriter first = driver.writer("/p", false);
    first.write("aaa".getBytes(UTF_8));
    FileWriter second = driver.writer("/p", true);
    assertThat(second.size()).as("an open writer's bytes are not resumable").isZero();
    second.write("bbb".getBytes(UTF_8));
    first.write("AAA".getBytes(UTF_8));

    first.commit();
    assertThat(new String(driver.getContent("/p"), UTF_8)).isEqualTo("aaaAAA");
    second.commit();
    assertThat(new String(driver.getContent("/p"), UTF_8)).isEqualTo("bbb");
    first.close();
    second.close();
    assertThat(store.usedBytes()).isEqualTo(3);
  }

  @Test
  void resumeAfterTheFirstWriterClosed_continuesItsBytes() throws Exception {
    try (FileWriter first = driver.writer("/p", false)) {
      first.write("aaa".getBytes(UTF_8));
    }
    try (FileWriter second = driver.writer("/p", true)) {
      assertThat(second.size()).isEqualTo(3);
      second.write("bbb".getBytes(UTF_8));
      second.commit();
    }
    assertThat(new String(driver.getContent("/p"), UTF_8)).isEqualTo("aaabbb");
  }

  @Test
  void writerBelowAFile_isAConflictWhenOpened_andLeavesNoUncommittedWrite() throws Exception {
    driver.putContent("/f", new byte[] {1});
    for (boolean append : new boolean[] {false, true}) {
      Throwable e = catchThrowable(() -> driver.writer("/f/x", append));
      assertThat(e).isInstanceOfSatisfying(DriverException.class,
          conflict -> assertThat(conflict.code()).isEqualTo(ErrorCode.CONFLICT));
    }
    assertThat(driver.pendingWrites("/")).isEmpty();
    assertThat(store.usedBytes()).isEqualTo(1);
  }

  @Test
  void twoResumesOfOneClosedWrite_onlyOneContinuesIt_theOtherStartsEmpty() throws Exception {
    try (FileWriter first = driver.writer("/p", false)) {
      first.write("aaa".getBytes(UTF_8));
    }
    FileWriter one = driver.writer("/p", true);
    FileWriter two = driver.writer("/p", true);
    assertThat(one.size()).isEqualTo(3);
    assertThat(two.size()).isZero();
    one.write("111".getBytes(UTF_8));
    two.write("222".getBytes(UTF_8));
    one.commit();
    assertThat(new String(driver.getContent("/p"), UTF_8)).isEqualTo("aaa111");
    two.commit();
    assertThat(new String(driver.getContent("/p"), UTF_8)).isEqualTo("222");
    one.close();
    two.close();
  }
}
