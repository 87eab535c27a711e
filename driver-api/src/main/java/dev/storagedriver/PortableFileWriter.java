package dev.storagedriver;

import java.io.IOException;
import java.util.function.BooleanSupplier;

/**
 * Wraps a backend's writer: enforces the writer state machine so no backend has to, and types its failures.
 */
final class PortableFileWriter extends FileWriter {
  private enum State { OPEN, CLOSED, COMMITTED, CANCELLED }

  private final String driver;
  private final String path;
  private final FileWriter backend;
  private final BooleanSupplier driverClosed;
  private State state = State.OPEN;

  PortableFileWriter(String driver, String path, FileWriter backend, BooleanSupplier driverClosed) {
    this.driver = driver;
    this.path = path;
    this.backend = backend;
    this.driverClosed = driverClosed;
  }

  @Override
  public long size() {
    return backend.size();
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    java.util.Objects.checkFromIndexSize(off, len, b.length);
    requireOpen("write");
    if (len == 0) {
      return;
    }
    try {
      backend.write(b, off, len);
    } catch (IOException | RuntimeException e) {
      throw ErrorTranslation.translate(driver, "write", path, e);
    }
  }

  @Override
  public void flush() throws IOException {
    if (state != State.OPEN) {
      return;
    }
    try {
      backend.flush();
    } catch (IOException | RuntimeException e) {
      throw ErrorTranslation.translate(driver, "flush", path, e);
    }
  }

  @Override
  public void commit() throws IOException {
    requireOpen("commit");
    try {
      backend.commit();
      state = State.COMMITTED;
    } catch (IOException | RuntimeException e) {
      throw ErrorTranslation.translate(driver, "commit", path, e);
    }
  }

  @Override
  public void cancel() throws IOException {
    requireOpen("cancel");
    try {
      backend.cancel();
      state = State.CANCELLED;
    } catch (IOException | RuntimeException e) {
      throw ErrorTranslation.translate(driver, "cancel", path, e);
    }
  }

  @Override
  public void close() throws IOException {
    if (state == State.CLOSED) {
      return;
    }
    State before = state;
    state = State.CLOSED;
    try {
      backend.close();
    } catch (IOException | RuntimeException e) {
      if (before == State.OPEN) {
        throw ErrorTranslation.translate(driver, "close writer", path, e);
      }
    }
  }

  private void requireOpen(String operation) {
    if (state == State.OPEN && driverClosed.getAsBoolean()) {
      // The backend's resources (handles, clients, threads) may be gone: say so rather than fail UNKNOWN.
      throw new IllegalStateException(driver + ": cannot " + operation + " writer of " + path
          + ": the driver is closed");
    }
    if (state != State.OPEN) {
      throw new IllegalStateException(
          driver + ": cannot " + operation + " writer of " + path + ": it is already " + state.name().toLowerCase());
    }
  }

  @Override
  public String toString() {
    return "FileWriter[" + driver + ":" + path + ", " + state.name().toLowerCase() + ", " + size() + " bytes]";
  }
}
