/**
 * An application as a module: it requires the API and the emulator, never a driver, and gets every driver on the
 * module path through {@code dev.storagedriver}'s {@code uses} clause.
 */
module dev.storagedriver.jpmstests {
  requires dev.storagedriver;
  requires dev.storagedriver.oss.emulator;
}
