package dev.storagedriver.s3;

import dev.storagedriver.StorageDriver;
import dev.storagedriver.tck.StorageDriverTck;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/**
 * The whole conformance kit against S3Proxy, on jclouds' in-memory ({@code transient}) and {@code filesystem}
 * blob stores. Every test gets a fresh root directory.
 */
class S3ProxyKitTest {
  static S3Servers.Server transientStore;
  static S3Servers.Server filesystemStore;

  @BeforeAll
  static void start() {
    transientStore = S3Servers.s3proxy("transient");
    filesystemStore = S3Servers.s3proxy("filesystem");
  }

  @AfterAll
  static void stop() {
    transientStore.close();
    filesystemStore.close();
  }

  abstract static class Kit extends StorageDriverTck {
    private String root;

    abstract S3Servers.Server server();

    @Override
    protected StorageDriver newDriver() throws Exception {
      root = S3Servers.freshRoot();
      return S3Servers.open(server(), root);
    }

    @Override
    protected StorageDriver reopen(StorageDriver current) throws Exception {
      return S3Servers.open(server(), root);
    }
  }

  @Nested
  class Transient extends Kit {
    @Override
    S3Servers.Server server() {
      return transientStore;
    }
  }

  @Nested
  class Filesystem extends Kit {
    @Override
    S3Servers.Server server() {
      return filesystemStore;
    }
  }
}
