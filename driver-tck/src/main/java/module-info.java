/**
 * The conformance kit: extend {@link dev.storagedriver.tck.StorageDriverTck} in a driver's tests to prove it
 * against the {@link dev.storagedriver.StorageDriver} contract.
 *
 * <p>The package is open to JUnit, which finds and runs the kit's test methods reflectively.
 */
module dev.storagedriver.tck {
  requires transitive dev.storagedriver;
  requires transitive org.junit.jupiter.api;
  requires org.junit.jupiter.params;
  requires org.assertj.core;
  requires java.net.http;

  exports dev.storagedriver.tck;

  opens dev.storagedriver.tck to org.junit.platform.commons;
}
