package dev.storagedriver.s3;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A small HTTP proxy on 127.0.0.1 in front of an S3 server, for tests: it counts the requests that pass and can
 * answer one instead with a fault (an S3 error status, a connection closed without an answer, a body cut short).
 * Requests are forwarded unchanged, Host header included, so their signatures stay valid; each goes upstream on
 * its own HTTP/1.0 connection.
 */
final class FaultProxy implements S3Servers.Server {
  /** A request as the proxy saw it. */
  record Request(String method, String path, String query) {
    /** Whether the query string has this parameter (e.g. "uploads", "partNumber", "delete"). */
    boolean has(String parameter) {
      if (query == null) {
        return false;
      }
      for (String p : query.split("&")) {
        if (p.equals(parameter) || p.startsWith(parameter + "=")) {
          return true;
        }
      }
      return false;
    }

    /** What S3 calls the request, from its method and query. */
    String operation() {
      switch (method) {
        case "HEAD":
          return "HeadObject";
        case "GET":
          if (has("uploadId")) {
            return "ListParts";
          }
          if (has("uploads")) {
            return "ListMultipartUploads";
          }
          return path.chars().filter(c -> c == '/').count() <= 1 ? "ListObjects" : "GetObject";
        case "PUT":
          return has("partNumber") ? "UploadPart" : "PutObject";
        case "POST":
          if (has("delete")) {
            return "DeleteObjects";
          }
          return has("uploads") ? "CreateMultipartUpload" : "CompleteMultipartUpload";
        case "DELETE":
          return has("uploadId") ? "AbortMultipartUpload" : "DeleteObject";
        default:
          return method;
      }
    }
  }

  /** What to do with a request instead of forwarding it. */
  sealed interface Fault {
    /** Forward it. */
    record None() implements Fault {}

    /** Answer with an S3 error. */
    record Status(int status, String code) implements Fault {}

    /** Close the connection without answering. */
    record Reset() implements Fault {}

    /** Forward it, but send only the first {@code bytes} bytes of the answer's body, then close. */
    record CutBody(int bytes) implements Fault {}
  }

  static final Fault NONE = new Fault.None();
  private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding",
      "content-length", "date", "proxy-connection", "upgrade");

  private final URI upstream;
  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "fault-proxy");
    t.setDaemon(true);
    return t;
  });
  private final List<Request> seen = new CopyOnWriteArrayList<>();
  private volatile Function<Request, Fault> faults = r -> NONE;

  FaultProxy(URI upstream) throws IOException {
    this.upstream = upstream;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  @Override
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Decides the fault of every later request. */
  void faults(Function<Request, Fault> rule) {
    faults = rule;
  }

  /** The requests seen since the last {@link #reset()}. */
  List<Request> requests() {
    return new ArrayList<>(seen);
  }

  /** The operations seen since the last {@link #reset()}, in order. */
  List<String> operations() {
    return seen.stream().map(Request::operation).toList();
  }

  /** Forgets the requests seen and the fault rule. */
  void reset() {
    seen.clear();
    faults = r -> NONE;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      URI uri = exchange.getRequestURI();
      Request request = new Request(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery());
      seen.add(request);
      byte[] body = exchange.getRequestBody().readAllBytes();
      Fault fault = faults.apply(request);
      if (fault instanceof Fault.Reset) {
        return; // closing the exchange without a response closes the connection
      }
      if (fault instanceof Fault.Status s) {
        byte[] xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + s.code()
            + "</Code><Message>injected</Message><RequestId>FAULT</RequestId></Error>")
            .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/xml");
        exchange.sendResponseHeaders(s.status(), "HEAD".equals(request.method()) ? -1 : xml.length);
        if (!"HEAD".equals(request.method())) {
          exchange.getResponseBody().write(xml);
        }
        return;
      }
      forward(exchange, body, fault instanceof Fault.CutBody c ? c.bytes() : -1);
    }
  }

  private void forward(HttpExchange exchange, byte[] body, int cutAfter) throws IOException {
    try (Socket socket = new Socket(upstream.getHost(), upstream.getPort())) {
      StringBuilder head = new StringBuilder();
      String target = exchange.getRequestURI().getRawPath()
          + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
      head.append(exchange.getRequestMethod()).append(' ').append(target).append(" HTTP/1.0\r\n");
      for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
        String name = h.getKey().toLowerCase(Locale.ROOT);
        if (HOP_BY_HOP.contains(name) || name.equals("expect")) {
          continue;
        }
        for (String v : h.getValue()) {
          head.append(h.getKey()).append(": ").append(v).append("\r\n");
        }
      }
      head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      String status = line(in);
      int code = Integer.parseInt(status.split(" ")[1]);
      String contentLength = null;
      for (String l = line(in); !l.isEmpty(); l = line(in)) {
        int colon = l.indexOf(':');
        String name = l.substring(0, colon).trim();
        String value = l.substring(colon + 1).trim();
        if (name.equalsIgnoreCase("content-length")) {
          contentLength = value;
        }
        if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
          exchange.getResponseHeaders().add(name, value);
        }
      }
      byte[] response = in.readAllBytes();
      if ("HEAD".equals(exchange.getRequestMethod())) {
        if (contentLength != null) {
          exchange.getResponseHeaders().set("Content-Length", contentLength);
        }
        exchange.sendResponseHeaders(code, -1);
        return;
      }
      exchange.sendResponseHeaders(code, response.length == 0 ? -1 : response.length);
      if (cutAfter >= 0 && cutAfter < response.length) {
        exchange.getResponseBody().write(response, 0, cutAfter);
        exchange.getResponseBody().flush();
        // Closing the connection under a fixed-length body: the client sees it end early.
        throw new IOException("body cut on purpose");
      }
      exchange.getResponseBody().write(response);
    }
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
      if (c != '\r') {
        b.write(c);
      }
    }
    return b.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
