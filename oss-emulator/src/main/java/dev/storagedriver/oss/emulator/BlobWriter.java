package dev.storagedriver.oss.emulator;

import io.netty.buffer.ByteBuf;
import java.io.IOException;

/** Receives a request body chunk by chunk, as Netty delivers it, so no body is ever aggregated in memory twice. */
interface BlobWriter {
  void write(ByteBuf chunk) throws IOException, OssException;

  Blob finish() throws IOException;

  /** Discards what was written; safe to call after a failure or twice. */
  void abort();
}
