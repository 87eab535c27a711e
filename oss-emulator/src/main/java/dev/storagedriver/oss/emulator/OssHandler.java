package dev.storagedriver.oss.emulator;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's request loop: parse and authenticate on the request head, answer {@code Expect: 100-continue},
 * stream the body chunks into the operation's {@link Exchange}, then write the response — through the faults.
 * Runs on the connection's event loop; no state is shared between connections except through {@link Store}.
 */
final class OssHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(OssHandler.class);

  private final ServerContext context;
  private final AdminEndpoint admin;
  private String requestId;
  private String hostId;
  private boolean head;
  private boolean keepAlive;
  private Exchange exchange;
  private OssRequest request;
  private OssException error;
  private Faults.Action fault;
  private boolean requestBodyCorrupted;
  /** Set when an answer went out before the body (rejected 100-continue): the rest of the request is dropped. */
  private boolean answered;

  OssHandler(ServerContext context, AdminEndpoint admin) {
    this.context = context;
    this.admin = admin;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof HttpRequest r) {
        begin(ctx, r);
      }
      if (msg instanceof HttpContent c) {
        if (!answered) {
          content(c.content());
        }
        if (msg instanceof LastHttpContent) {
          if (!answered) {
            end(ctx);
          }
          answered = false;
        }
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void begin(ChannelHandlerContext ctx, HttpRequest r) {
    requestId = context.nextRequestId();
    hostId = r.headers().get("Host", "localhost");
    head = r.method().name().equals("HEAD");
    keepAlive = HttpUtil.isKeepAlive(r);
    exchange = null;
    request = null;
    error = null;
    fault = null;
    requestBodyCorrupted = false;
    if (r.decoderResult().isFailure()) {
      keepAlive = false;
      error = OssException.invalidArgument("Malformed HTTP request: " + r.decoderResult().cause());
    } else if (r.uri().startsWith(AdminEndpoint.PREFIX)) {
      exchange = admin.begin(r);
    } else {
      OssRequest req = OssRequest.parse(r, context.vhostDomains, requestId);
      request = req;
      req.operation = Router.operation(req);
      context.count(req.operation);
      fault = context.faults.take(req.operation, req.key);
      try {
        if (fault != null && fault.kind() == Faults.Kind.FAIL) {
          throw new OssException(fault.status(), fault.code(), "Injected fault.");
        }
        context.auth.verify(req);
        if (fault != null && fault.kind() == Faults.Kind.IGNORE_RANGE) {
          req.headers.remove("Range"); // after verifying: a V4 signature may cover it
        }
        exchange = context.router.begin(req);
      } catch (OssException e) {
        error = e;
      } catch (Exception e) {
        error = internal(e);
      }
    }
    if (HttpUtil.is100ContinueExpected(r)) {
      if (error != null) {
        // refuse before the client sends the body; closing is the only safe way to skip a body never sent
        keepAlive = false;
        end(ctx);
        answered = true;
      } else {
        ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
      }
    }
  }

  private void content(ByteBuf chunk) {
    if (error != null || exchange == null || !chunk.isReadable()) {
      return;
    }
    if (fault != null && fault.kind() == Faults.Kind.CORRUPT_REQUEST_BODY && !requestBodyCorrupted) {
      int middle = chunk.readerIndex() + chunk.readableBytes() / 2;
      chunk.setByte(middle, chunk.getByte(middle) ^ 0x5A);
      requestBodyCorrupted = true;
    }
    try {
      exchange.content(chunk);
    } catch (OssException e) {
      error = e;
      exchange.abort();
    } catch (Exception e) {
      error = internal(e);
      exchange.abort();
    }
  }

  private void end(ChannelHandlerContext ctx) {
    Response resp = null;
    Object body = null;
    if (error == null) {
      try {
        for (int attempt = 1; ; attempt++) {
          resp = exchange.finish();
          try {
            if (resp.blob != null) {
              body = resp.blob.body(resp.offset, resp.length);
            }
            break;
          } catch (NoSuchFileException e) {
            // an overwrite freed the version just looked up: look the key up again (reads have no body)
            if (attempt == 3 || request == null) {
              throw e;
            }
            exchange = context.router.begin(request);
          }
        }
      } catch (OssException e) {
        error = e;
      } catch (NoSuchFileException e) {
        error = new OssException(404, "NoSuchKey", "The object was deleted while being read.");
      } catch (Exception e) {
        error = internal(e);
      }
    } else if (exchange != null) {
      exchange.abort();
    }
    if (error != null) {
      resp = ResponseWriter.error(error, requestId, hostId, head);
    }
    exchange = null;
    resp.headers.set("x-oss-request-id", requestId);
    ResponseWriter.deliver(ctx, resp, body, fault, keepAlive);
  }

  private static OssException internal(Exception e) {
    LOG.warn("internal error", e);
    return new OssException(500, "InternalError", "We encountered an internal error: " + e);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("connection error", cause);
    if (exchange != null) {
      exchange.abort();
    }
    ctx.close();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (exchange != null && error == null) {
      exchange.abort(); // a client that disconnects mid-body leaves no temp file behind
    }
    ctx.fireChannelInactive();
  }

  static void reset(ChannelHandlerContext ctx) {
    ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
    ctx.close();
  }

  static void later(ChannelHandlerContext ctx, long millis, Runnable r) {
    ctx.channel().config().setAutoRead(false);
    ctx.executor().schedule(() -> {
      ctx.channel().config().setAutoRead(true);
      r.run();
    }, millis, TimeUnit.MILLISECONDS);
  }
}
