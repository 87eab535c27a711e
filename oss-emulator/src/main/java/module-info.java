/**
 * A local Alibaba Cloud OSS server for tests: start an {@link dev.storagedriver.oss.emulator.OssEmulator}, or
 * register {@link dev.storagedriver.oss.emulator.OssEmulatorExtension} in a JUnit Jupiter test.
 *
 * <p>JUnit Jupiter is needed only by the extension and picocli only by the standalone {@code Main}: both are
 * static requirements, present at run time only where the application brings them. The package is open to
 * picocli, which sets {@code Main}'s option fields reflectively.
 */
module dev.storagedriver.oss.emulator {
  requires io.netty.buffer;
  requires io.netty.codec;
  requires io.netty.codec.http;
  requires io.netty.common;
  requires io.netty.transport;
  requires org.slf4j;
  requires java.xml;
  requires static org.junit.jupiter.api;
  requires static info.picocli;

  exports dev.storagedriver.oss.emulator;

  opens dev.storagedriver.oss.emulator to info.picocli;
}
