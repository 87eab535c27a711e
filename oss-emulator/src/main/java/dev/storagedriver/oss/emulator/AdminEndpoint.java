package dev.storagedriver.oss.emulator;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The standalone control surface under {@code /_emulator/} — a path no bucket can take, since OSS bucket names
 * cannot start with '_'. Plain-text answers, query-string input; no JSON library needed:
 *
 * <ul>
 *   <li>{@code POST /_emulator/faults?op=GetObject&key=k&times=2&action=fail&status=503&code=ServiceUnavailable}
 *       — {@code action} is one of fail, delay ({@code millis=}), cut, reset, corrupt, corrupt-request,
 *       ignore-range; {@code op} and {@code key}
 *       are optional; {@code times} is a count or {@code always}
 *   <li>{@code DELETE /_emulator/faults} — removes every rule
 *   <li>{@code GET /_emulator/stats} — {@code Operation count} lines
 *   <li>{@code GET /_emulator/uploads} — in-progress multipart uploads, {@code bucket key uploadId} lines
 *   <li>{@code GET /_emulator/health} — {@code ok}
 * </ul>
 */
final class AdminEndpoint {
  static final String PREFIX = "/_emulator/";

  private final OssEmulator emulator;

  AdminEndpoint(OssEmulator emulator) {
    this.emulator = emulator;
  }

  Exchange begin(HttpRequest r) {
    QueryStringDecoder q = new QueryStringDecoder(r.uri());
    String path = q.path().substring(PREFIX.length());
    String method = r.method().name();
    return Exchange.of(() -> switch (method + " " + path) {
      case "POST faults" -> addFault(q.parameters());
      case "DELETE faults" -> {
        emulator.faults().clear();
        yield text("cleared\n");
      }
      case "GET stats" -> {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(emulator.requestCounts()).forEach((k, v) -> sb.append(k).append(' ').append(v).append('\n'));
        yield text(sb.toString());
      }
      case "GET uploads" -> {
        StringBuilder sb = new StringBuilder();
        for (OssEmulator.MultipartUpload u : emulator.inProgressUploads()) {
          sb.append(u.bucket()).append(' ').append(u.key()).append(' ').append(u.uploadId()).append('\n');
        }
        yield text(sb.toString());
      }
      case "GET health" -> text("ok\n");
      default -> throw new OssException(404, "NoSuchAdminResource", "Unknown admin request: " + method + " " + path);
    });
  }

  private Response addFault(Map<String, List<String>> p) throws OssException {
    String op = first(p, "op");
    Faults.Rule rule = op == null ? emulator.faults().onAnyOperation() : emulator.faults().on(op);
    String key = first(p, "key");
    if (key != null) {
      rule = rule.key(key);
    }
    String times = first(p, "times");
    try {
      if ("always".equals(times)) {
        rule = rule.always();
      } else if (times != null) {
        rule = rule.times(Integer.parseInt(times));
      }
      String action = first(p, "action");
      switch (action == null ? "" : action) {
        case "fail" -> rule.failWith(Integer.parseInt(orDefault(first(p, "status"), "500")),
            orDefault(first(p, "code"), "InternalError"));
        case "delay" -> rule.delay(Duration.ofMillis(Long.parseLong(orDefault(first(p, "millis"), "1000"))));
        case "cut" -> rule.cutBody();
        case "reset" -> rule.resetConnection();
        case "corrupt" -> rule.corruptBody();
        case "corrupt-request" -> rule.corruptRequestBody();
        case "ignore-range" -> rule.ignoreRange();
        default -> throw OssException.invalidArgument("action must be fail, delay, cut, reset, corrupt,"
            + " corrupt-request or ignore-range");
      }
    } catch (IllegalArgumentException e) {
      throw OssException.invalidArgument(e.getMessage());
    }
    return text("added\n");
  }

  private static String first(Map<String, List<String>> p, String name) {
    List<String> v = p.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  private static String orDefault(String v, String d) {
    return v == null ? d : v;
  }

  private static Response text(String s) {
    Response r = Response.ok();
    r.content = Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    r.headers.set("Content-Type", "text/plain; charset=utf-8");
    return r;
  }
}
