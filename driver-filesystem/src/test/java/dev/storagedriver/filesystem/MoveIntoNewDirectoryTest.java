package dev.storagedriver.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storagedriver.FileWriter;
import dev.storagedriver.StorageDriver;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Moves after reads have kept handles of the directories involved: the sequence the examples' tour takes. */
class MoveIntoNewDirectoryTest {
  @TempDir Path root;

  @Test
  void move_intoANewSubdirectory_afterListWalkAndStatOfItsParent_arrivesWithItsContent() throws Exception {
    try (StorageDriver driver = FilesystemDriver.open(root)) {
      byte[] hello = "Hello\n".getBytes(StandardCharsets.UTF_8);
      driver.putContent("/tour/hello.txt", hello);
      try (FileWriter writer = driver.writer("/tour/logs/today.log", false)) {
        writer.write("started\n".getBytes(StandardCharsets.UTF_8));
        writer.commit();
      }
      driver.list("/tour");
      driver.walk("/tour", info -> FileVisitResult.CONTINUE);
      driver.stat("/tour/logs/today.log");

      driver.move("/tour/hello.txt", "/tour/archive/hello.txt");

      assertThat(driver.getContent("/tour/archive/hello.txt")).isEqualTo(hello);
      assertThat(driver.list("/tour")).containsExactly("/tour/archive", "/tour/logs");
    }
  }
}
