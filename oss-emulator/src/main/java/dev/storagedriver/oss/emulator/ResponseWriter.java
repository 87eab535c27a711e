package dev.storagedriver.oss.emulator;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Writes responses: standard headers, the body (buffer or zero-copy file region), and the response-side faults. */
final class ResponseWriter {
  private ResponseWriter() {}

  static Response error(OssException e, String requestId, String hostId, boolean head) {
    Response r = new Response(e.status);
    String xml = Xml.errorXml(e, requestId, hostId);
    r.headers.set("Content-Type", "application/xml");
    e.headers.forEach(r.headers::set);
    if (e.ec() != null) {
      r.headers.set("x-oss-ec", e.ec());
    }
    if (head) {
      // HEAD has no body: both SDKs decode the error document from this header instead
      r.headers.set("x-oss-err", Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8)));
      r.headers.set("Content-Length", 0);
    } else {
      r.content = Unpooled.copiedBuffer(xml, StandardCharsets.UTF_8);
    }
    return r;
  }

  static void deliver(ChannelHandlerContext ctx, Response resp, Object body, Faults.Action fault,
      boolean keepAlive) {
    if (fault == null) {
      write(ctx, resp, body, keepAlive);
      return;
    }
    switch (fault.kind()) {
      case DELAY -> OssHandler.later(ctx, fault.delayMillis(), () -> write(ctx, resp, body, keepAlive));
      case RESET -> {
        release(resp, body);
        OssHandler.reset(ctx);
      }
      case CUT_BODY -> cut(ctx, resp, body);
      case CORRUPT_BODY -> write(ctx, resp, corrupt(resp, body), keepAlive);
      default -> write(ctx, resp, body, keepAlive);
    }
  }

  static void write(ChannelHandlerContext ctx, Response resp, Object body, boolean keepAlive) {
    HttpResponse head = head(resp, keepAlive);
    ctx.write(head);
    if (body != null) {
      ctx.write(body);
    } else if (resp.content.isReadable()) {
      ctx.write(resp.content);
    }
    ChannelFuture f = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    if (!keepAlive) {
      f.addListener(ChannelFutureListener.CLOSE);
    }
  }

  private static HttpResponse head(Response resp, boolean keepAlive) {
    HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, resp.status, resp.headers);
    resp.headers.set("Date", ObjectHeaders.httpDate(System.currentTimeMillis()));
    resp.headers.set("Server", "AliyunOSS");
    if (!resp.headers.contains("Content-Length")) {
      resp.headers.set("Content-Length", resp.bodyLength());
    }
    resp.headers.set("Connection", keepAlive ? "keep-alive" : "close");
    return head;
  }

  /** Full Content-Length, half the body, then close: the client sees a premature end of stream. */
  private static void cut(ChannelHandlerContext ctx, Response resp, Object body) {
    ByteBuf bytes = bytes(resp, body);
    ctx.write(head(resp, false));
    ctx.writeAndFlush(bytes.retainedSlice(0, bytes.readableBytes() / 2)).addListener(ChannelFutureListener.CLOSE);
    bytes.release();
  }

  /** A copy of the body with its middle byte inverted; every header, the CRC included, stays as it was. */
  private static ByteBuf corrupt(Response resp, Object body) {
    ByteBuf bytes = Unpooled.buffer().writeBytes(bytes(resp, body));
    if (bytes.isReadable()) {
      int mid = bytes.readableBytes() / 2;
      bytes.setByte(mid, ~bytes.getByte(mid));
    }
    return bytes;
  }

  private static ByteBuf bytes(Response resp, Object body) {
    if (body == null) {
      return resp.content;
    }
    ReferenceCountUtil.release(body);
    try (InputStream in = resp.blob.open(resp.offset, resp.length)) {
      return Unpooled.wrappedBuffer(in.readAllBytes());
    } catch (java.io.IOException e) {
      return Unpooled.EMPTY_BUFFER;
    }
  }

  private static void release(Response resp, Object body) {
    ReferenceCountUtil.release(body);
    resp.content.release();
  }
}
