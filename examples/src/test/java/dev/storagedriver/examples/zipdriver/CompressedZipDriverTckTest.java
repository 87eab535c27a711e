package dev.storagedriver.examples.zipdriver;

/** The kit again with {@code compress = true}: deflated entries behave the same as stored ones. */
class CompressedZipDriverTckTest extends ZipDriverTckTest {
  @Override
  boolean compress() {
    return true;
  }
}
