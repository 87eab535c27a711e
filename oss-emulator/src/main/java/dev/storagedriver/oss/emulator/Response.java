package dev.storagedriver.oss.emulator;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;

/** An operation's answer: status, headers, and a body that is either small bytes or a range of a blob. */
final class Response {
  final HttpResponseStatus status;
  final HttpHeaders headers = new DefaultHttpHeaders();
  ByteBuf content = Unpooled.EMPTY_BUFFER;
  Blob blob;
  long offset;
  long length;

  Response(int status) {
    this.status = HttpResponseStatus.valueOf(status);
  }

  static Response ok() {
    return new Response(200);
  }

  static Response noContent() {
    return new Response(204);
  }

  static Response xml(Xml xml) {
    Response r = new Response(200);
    r.content = xml.toBuf();
    r.headers.set("Content-Type", "application/xml");
    return r;
  }

  Response header(String name, Object value) {
    if (value != null) {
      headers.set(name, String.valueOf(value));
    }
    return this;
  }

  Response body(Blob b, long off, long len) {
    this.blob = b;
    this.offset = off;
    this.length = len;
    return this;
  }

  long bodyLength() {
    return blob != null ? length : content.readableBytes();
  }
}
