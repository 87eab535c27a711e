package dev.storagedriver.oss.emulator;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** Reads the flat request documents (Delete, CompleteMultipartUpload) with StAX, entities disabled. */
final class XmlIn {
  private static final XMLInputFactory FACTORY = XMLInputFactory.newFactory();

  static {
    FACTORY.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    FACTORY.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
  }

  /** The parsed document: top-level simple elements, and records (repeated elements with simple children). */
  record Doc(Map<String, String> fields, List<Map<String, String>> records) {}

  private XmlIn() {}

  /**
   * Parses {@code <Root><Field>v</Field><Record><A>..</A><B>..</B></Record>…</Root>}: children of each
   * {@code recordElement} become one map; other second-level elements become fields.
   */
  static Doc parse(byte[] xml, String recordElement) throws OssException {
    Map<String, String> fields = new LinkedHashMap<>();
    List<Map<String, String>> records = new ArrayList<>();
    try {
      XMLStreamReader in = FACTORY.createXMLStreamReader(new ByteArrayInputStream(xml));
      int depth = 0;
      Map<String, String> record = null;
      String element = null;
      StringBuilder text = new StringBuilder();
      while (in.hasNext()) {
        int ev = in.next();
        if (ev == XMLStreamReader.START_ELEMENT) {
          depth++;
          if (depth == 2 && in.getLocalName().equals(recordElement)) {
            record = new LinkedHashMap<>();
          }
          element = in.getLocalName();
          text.setLength(0);
        } else if (ev == XMLStreamReader.CHARACTERS || ev == XMLStreamReader.CDATA) {
          text.append(in.getText());
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
    return new Doc(fields, records);
  }
}
