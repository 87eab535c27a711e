/**
 * The conformance kit. Extend {@link dev.storagedriver.tck.StorageDriverTck} and implement {@code newDriver()};
 * tune sizes with {@link dev.storagedriver.tck.TckSettings}. The contract interfaces group the tests by
 * operation; each test's name says the behaviour it checks.
 */
package dev.storagedriver.tck;
