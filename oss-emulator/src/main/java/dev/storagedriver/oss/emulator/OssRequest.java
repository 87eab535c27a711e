package dev.storagedriver.oss.emulator;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** A parsed OSS request: addressing (path or virtual-hosted style) resolved, key and query decoded. */
final class OssRequest {
  final HttpMethod method;
  final HttpHeaders headers;
  /** Null for service-level requests (ListBuckets). */
  final String bucket;
  /** Null or empty for bucket-level requests. */
  final String key;
  /** Decoded query parameters in arrival order; a bare parameter ({@code ?uploads}) maps to "". */
  final Map<String, String> query;
  final String requestId;
  final boolean virtualHosted;
  String operation;
  /** Why the request is refused as not implemented (set with operation "Unsupported"). */
  String unsupported;
  /** Set when the bucket or key in the path was percent-encoded bytes that are not UTF-8. */
  final boolean bucketError;
  final boolean keyError;

  private OssRequest(HttpRequest r, String bucket, String key, Map<String, String> query, String requestId,
      boolean virtualHosted, boolean bucketError, boolean keyError) {
    this.method = r.method();
    this.headers = r.headers();
    this.bucket = bucket;
    this.key = key;
    this.query = query;
    this.requestId = requestId;
    this.virtualHosted = virtualHosted;
    this.bucketError = bucketError;
    this.keyError = keyError;
  }

  /**
   * Parses addressing: when the Host header's name is {@code <bucket>.<domain>} for one of {@code vhostDomains},
   * the bucket comes from the Host and the whole path is the key; otherwise the first path segment is the bucket.
   */
  static OssRequest parse(HttpRequest r, Set<String> vhostDomains, String requestId) {
    QueryStringDecoder qsd = new QueryStringDecoder(r.uri());
    Map<String, String> query = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : qsd.parameters().entrySet()) {
      query.put(e.getKey(), e.getValue().isEmpty() ? "" : e.getValue().get(0));
    }
    String rawPath = qsd.rawPath();
    String hostBucket = vhostBucket(r.headers().get("Host"), vhostDomains);
    String rawBucket;
    String rawKey;
    if (hostBucket != null) {
      rawBucket = hostBucket;
      rawKey = rawPath.length() > 1 ? rawPath.substring(1) : null;
    } else {
      String p = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
      int slash = p.indexOf('/');
      if (p.isEmpty()) {
        rawBucket = null;
        rawKey = null;
      } else if (slash < 0) {
        rawBucket = p;
        rawKey = null;
      } else {
        rawBucket = p.substring(0, slash);
        String k = p.substring(slash + 1);
        rawKey = k.isEmpty() ? null : k;
      }
    }
    String bucket = rawBucket == null ? null : decodePath(rawBucket);
    String key = rawKey == null ? null : decodePath(rawKey);
    // a part that does not decode keeps its raw form (so a key never turns into a bucket request) and is refused
    return new OssRequest(r, bucket == null ? rawBucket : bucket, key == null ? rawKey : key, query, requestId,
        hostBucket != null, rawBucket != null && bucket == null, rawKey != null && key == null);
  }

  private static String vhostBucket(String host, Set<String> domains) {
    if (host == null) {
      return null;
    }
    String name = host.toLowerCase(Locale.ROOT);
    if (name.startsWith("[")) {
      return null;
    }
    int colon = name.lastIndexOf(':');
    if (colon >= 0) {
      name = name.substring(0, colon);
    }
    for (String d : domains) {
      if (name.length() > d.length() + 1 && name.endsWith("." + d)) {
        String b = name.substring(0, name.length() - d.length() - 1);
        if (!b.contains(".")) {
          return b;
        }
      }
    }
    return null;
  }

  /**
   * Percent-decoding for paths: unlike form decoding, '+' stays '+'. Returns null when the decoded bytes are not
   * UTF-8: OSS names are UTF-8, and a lenient decoder would silently turn such a name into another one (U+FFFD).
   */
  static String decodePath(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      int v = c == '%' && i + 2 < s.length() ? hex(s.charAt(i + 1), s.charAt(i + 2)) : -1;
      if (v >= 0) {
        out.write(v);
        i += 2;
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
          b = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
          i++;
        }
        out.write(b, 0, b.length);
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(out.toByteArray())).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static int hex(char a, char b) {
    int hi = Character.digit(a, 16);
    int lo = Character.digit(b, 16);
    return hi < 0 || lo < 0 ? -1 : hi << 4 | lo;
  }

  String header(String name) {
    return headers.get(name);
  }

  boolean has(String param) {
    return query.containsKey(param);
  }

  String param(String name) {
    return query.get(name);
  }

  boolean hasKey() {
    return key != null && !key.isEmpty();
  }
}
