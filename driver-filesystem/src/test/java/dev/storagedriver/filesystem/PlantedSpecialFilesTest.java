package dev.storagedriver.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.storagedriver.PathNotFoundException;
import dev.storagedriver.StorageDriver;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A FIFO and a socket another program put inside the root: no operation but {@code getContent} of the FIFO opens
 * them (which would wait for a writer, as the README says), so nothing hangs on them and nothing shows them as
 * files.
 */
class PlantedSpecialFilesTest {
  @TempDir
  Path root;

  @Test
  void fifoAndSocket_areNotFiles_toStatReaderOrWalk_andDeleteRemovesThemAsNames() throws Exception {
    try (StorageDriver driver = FilesystemDriver.open(root)) {
      driver.putContent("/dir/file", new byte[] {1});
      Process mkfifo = new ProcessBuilder("mkfifo", root.resolve("dir/fifo").toString()).start();
      assumeTrue(mkfifo.waitFor() == 0, "no mkfifo here");
      try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
        socket.bind(UnixDomainSocketAddress.of(root.resolve("dir/socket")));
        for (String planted : List.of("/dir/fifo", "/dir/socket")) {
          assertThatThrownBy(() -> driver.stat(planted)).as(planted).isInstanceOf(PathNotFoundException.class);
          assertThatThrownBy(() -> driver.reader(planted, 0)).as(planted).isInstanceOf(PathNotFoundException.class);
          assertThatThrownBy(() -> driver.list(planted)).as(planted).isInstanceOf(PathNotFoundException.class);
        }
        assertThatThrownBy(() -> driver.getContent("/dir/socket")).isInstanceOf(PathNotFoundException.class);
        List<String> walked = new ArrayList<>();
        driver.walk("/", info -> {
          walked.add(info.path());
          return FileVisitResult.CONTINUE;
        });
        assertThat(walked).containsExactly("/dir", "/dir/file");

        driver.putContent("/dir/socket", new byte[] {2}); // writing at the name replaces what is there
        assertThat(driver.getContent("/dir/socket")).containsExactly(2);
      }
      driver.delete("/dir");
      assertThat(Files.exists(root.resolve("dir"))).isFalse();
    }
  }
}
