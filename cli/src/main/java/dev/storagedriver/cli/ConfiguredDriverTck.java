package dev.storagedriver.cli;

import com.typesafe.config.Config;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.tck.StorageDriverTck;

/**
 * The conformance kit against the backend given to {@code tck}. It lives in the main code (the launcher runs it
 * from the jar) and is never picked up by this module's own test run, whose classes are the ones named *Test.
 */
class ConfiguredDriverTck extends StorageDriverTck {
  /** Set by {@link TckCommand} before it launches the kit; one kit run at a time. */
  static volatile KitTarget target;

  private Config config;

  @Override
  protected StorageDriver newDriver() throws Exception {
    config = target.freshConfig();
    return target.open(config);
  }

  @Override
  protected int maxPathBytes() {
    return target.maxPathBytes();
  }

  /** A second instance over the same root, as a restarted process would open it; only rooted drivers have one. */
  @Override
  protected StorageDriver reopen(StorageDriver current) throws Exception {
    return target.rooted() ? target.open(config) : null;
  }
}
