package dev.storagedriver.oss.emulator;

import io.netty.buffer.ByteBuf;

/**
 * One request in flight: receives the body chunk by chunk as it arrives, then produces the response. Exchanges
 * that do not want a body ignore it (Netty still frames it correctly).
 */
interface Exchange {
  default void content(ByteBuf chunk) throws Exception {}

  Response finish() throws Exception;

  /** Frees what the body wrote so far; called instead of {@link #finish} when the request fails. */
  default void abort() {}

  /** A body-less operation. */
  interface Action {
    Response run() throws Exception;
  }

  static Exchange of(Action a) {
    return a::run;
  }
}
