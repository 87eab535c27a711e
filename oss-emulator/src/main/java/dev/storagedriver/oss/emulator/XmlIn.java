package dev.storagedriver.oss.emulator;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the flat request documents (Delete, CompleteMultipartUpload) with StAX, entities disabled. Object keys may
 * hold control characters that XML 1.0 cannot carry, which OSS accepts in a Delete document: raw (as the Java SDK
 * sends them) or as character references. {@link #protectControls} turns both into processing instructions before
 * parsing, and the parser turns those back into the characters.
 */
final class XmlIn {
  private static final XMLInputFactory FACTORY = XMLInputFactory.newFactory();

  static {
    FACTORY.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    FACTORY.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
  }

  /** The parsed document: top-level simple elements, and records (repeated elements with simple children). */
  record Doc(String root, Map<String, String> fields, List<Map<String, String>> records) {}

  /** The processing-instruction target that stands for one control character (its code as data). */
  private static final String CONTROL_PI = "oss-char";

  private XmlIn() {}

  /**
   * Parses {@code <Root><Field>v</Field><Record><A>..</A><B>..</B></Record>…</Root>}: children of each
   * {@code recordElement} become one map; other second-level elements become fields.
   */
  static Doc parse(byte[] xml, String recordElement) throws OssException {
    Map<String, String> fields = new LinkedHashMap<>();
    List<Map<String, String>> records = new ArrayList<>();
    String root = null;
    try {
      XMLStreamReader in = FACTORY.createXMLStreamReader(new ByteArrayInputStream(protectControls(xml)));
      int depth = 0;
      Map<String, String> record = null;
      String element = null;
      StringBuilder text = new StringBuilder();
      while (in.hasNext()) {
        int ev = in.next();
        if (ev == XMLStreamReader.START_ELEMENT) {
          depth++;
          if (depth == 1) {
            root = in.getLocalName();
          }
          if (depth == 2 && in.getLocalName().equals(recordElement)) {
            record = new LinkedHashMap<>();
          }
          element = in.getLocalName();
          text.setLength(0);
        } else if (ev == XMLStreamReader.CHARACTERS || ev == XMLStreamReader.CDATA) {
          text.append(in.getText());
        } else if (ev == XMLStreamReader.PROCESSING_INSTRUCTION && CONTROL_PI.equals(in.getPITarget())) {
          text.append((char) Integer.parseInt(in.getPIData().trim()));
        } else if (ev == XMLStreamReader.END_ELEMENT) {
          if (depth == 2 && record != null) {
            records.add(record);
            record = null;
          } else if (depth == 3 && record != null) {
            record.put(in.getLocalName(), text.toString());
          } else if (depth == 2) {
            fields.put(in.getLocalName(), text.toString().trim());
          }
          element = null;
          text.setLength(0);
          depth--;
        }
      }
      if (element != null) {
        throw OssException.malformedXml("Unterminated element " + element);
      }
    } catch (XMLStreamException e) {
      throw OssException.malformedXml("The XML you provided was not well-formed: " + e.getMessage());
    }
    return new Doc(root, fields, records);
  }

  /** Whether XML 1.0 forbids this character even as a reference (C0 controls other than tab, LF and CR). */
  private static boolean forbidden(int c) {
    return c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D;
  }

  /**
   * Replaces raw forbidden control characters and references to them ({@code &#1;}, {@code &#x1;}) by
   * {@code <?oss-char N?>}. Inside CDATA a reference is literal text and stays; a raw control character closes the
   * section around the instruction. In comments the character is dropped. UTF-8 bytes below 0x20 are always single
   * characters, so the scan works on bytes.
   */
  static byte[] protectControls(byte[] xml) {
    boolean any = false;
    for (byte b : xml) {
      if (forbidden(b & 0xff) || b == '&') {
        any = true;
        break;
      }
    }
    if (!any) {
      return xml;
    }
    String s = new String(xml, StandardCharsets.ISO_8859_1); // byte-transparent
    StringBuilder out = new StringBuilder(s.length() + 64);
    int i = 0;
    while (i < s.length()) {
      if (s.startsWith("<![CDATA[", i)) {
        int end = s.indexOf("]]>", i);
        end = end < 0 ? s.length() : end + 3;
        for (int j = i; j < end; j++) {
          char c = s.charAt(j);
          out.append(forbidden(c) ? "]]><?" + CONTROL_PI + " " + (int) c + "?><![CDATA[" : String.valueOf(c));
        }
        i = end;
      } else if (s.startsWith("<!--", i)) {
        int end = s.indexOf("-->", i);
        end = end < 0 ? s.length() : end + 3;
        for (int j = i; j < end; j++) {
          if (!forbidden(s.charAt(j))) {
            out.append(s.charAt(j));
          }
        }
        i = end;
      } else {
        char c = s.charAt(i);
        int ref = c == '&' ? controlReference(s, i) : -1;
        if (forbidden(c)) {
          out.append("<?").append(CONTROL_PI).append(' ').append((int) c).append("?>");
          i++;
        } else if (ref >= 0) {
          out.append("<?").append(CONTROL_PI).append(' ').append(ref).append("?>");
          i = s.indexOf(';', i) + 1;
        } else {
          out.append(c);
          i++;
        }
      }
    }
    return out.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** The character a reference at {@code at} names, when it is a forbidden control character; else -1. */
  private static int controlReference(String s, int at) {
    int semi = s.indexOf(';', at);
    if (!s.startsWith("&#", at) || semi < 0 || semi - at > 12) {
      return -1;
    }
    String num = s.substring(at + 2, semi);
    try {
      int c = num.startsWith("x") || num.startsWith("X") ? Integer.parseInt(num.substring(1), 16)
          : Integer.parseInt(num);
      return forbidden(c) ? c : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
