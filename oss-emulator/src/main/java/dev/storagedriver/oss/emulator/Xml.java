package dev.storagedriver.oss.emulator;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A tiny streaming XML writer for response documents. OSS documents are flat and small, so string building with
 * escaping is simpler (and faster) than going through a DOM or StAX writer.
 */
final class Xml {
  static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final StringBuilder sb = new StringBuilder(256).append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");

  Xml open(String name) {
    sb.append('<').append(name).append('>');
    return this;
  }

  Xml close(String name) {
    sb.append("</").append(name).append('>');
    return this;
  }

  /** Writes {@code <name>value</name>}; a null value writes an empty element. */
  Xml el(String name, Object value) {
    sb.append('<').append(name).append('>');
    if (value != null) {
      escape(String.valueOf(value));
    }
    sb.append("</").append(name).append('>');
    return this;
  }

  /** Writes the element only when the value is non-null. */
  Xml opt(String name, Object value) {
    return value == null ? this : el(name, value);
  }

  static String date(long epochMillis) {
    return ISO.format(Instant.ofEpochMilli(epochMillis));
  }

  private void escape(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&apos;");
        // a raw CR would reach the client as LF (XML end-of-line handling); the reference keeps it a CR
        case '\r' -> sb.append("&#xD;");
        default -> {
          // XML 1.0 cannot carry most control characters; OSS escapes them too (as &#x..;).
          if (c < 0x20 && c != '\t' && c != '\n') {
            sb.append("&#x").append(Integer.toHexString(c)).append(';');
          } else {
            sb.append(c);
          }
        }
      }
    }
  }

  @Override
  public String toString() {
    return sb.toString();
  }

  ByteBuf toBuf() {
    return Unpooled.copiedBuffer(sb, StandardCharsets.UTF_8);
  }

  static String errorXml(OssException e, String requestId, String hostId) {
    Xml x = new Xml().open("Error").el("Code", e.code).el("Message", e.getMessage())
        .el("RequestId", requestId).el("HostId", hostId);
    e.extras.forEach(x::el);
    String ec = e.ec();
    if (ec != null) {
      x.el("EC", ec).el("RecommendDoc", "https://api.aliyun.com/troubleshoot?q=" + ec);
    }
    return x.close("Error").toString();
  }
}
