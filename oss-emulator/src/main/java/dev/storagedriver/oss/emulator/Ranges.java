package dev.storagedriver.oss.emulator;

/**
 * The single-range rules of OSS. By default a range OSS cannot serve exactly is ignored (200, whole object); with
 * {@code x-oss-range-behavior: standard} a range that starts inside the object is clipped to its end (206) and one
 * starting at or past the end is refused with 416 InvalidRange. {@code bytes=-0} is refused in both behaviours.
 */
final class Ranges {
  private Ranges() {}

  /** Returns {@code {first, last}} (inclusive) to serve a 206, or null to serve the whole object with 200. */
  static long[] resolve(String header, long size, boolean standard) throws OssException {
    if (header == null) {
      return null;
    }
    String h = header.trim();
    if (!h.startsWith("bytes=") || h.indexOf(',') >= 0) {
      return null; // unparseable or multi-range: ignored, as by OSS
    }
    String spec = h.substring(6).trim();
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return null;
    }
    long first;
    long last;
    try {
      String a = spec.substring(0, dash).trim();
      String b = spec.substring(dash + 1).trim();
      if (a.isEmpty()) {
        long n = Long.parseLong(b); // suffix: the last n bytes
        if (n == 0) {
          return invalid(size); // "the last 0 bytes" can never be served: OSS refuses it in both behaviours
        }
        if (n < 0 || size == 0) {
          return standard ? invalid(size) : null;
        }
        if (n > size) {
          return standard ? new long[] {0, size - 1} : null;
        }
        return new long[] {size - n, size - 1};
      }
      first = Long.parseLong(a);
      last = b.isEmpty() ? Long.MAX_VALUE : Long.parseLong(b);
    } catch (NumberFormatException e) {
      return null;
    }
    if (last < first || first < 0) {
      return null; // syntactically invalid: always ignored
    }
    if (first >= size) {
      return standard ? invalid(size) : null;
    }
    if (last >= size) {
      if (last == Long.MAX_VALUE || standard) {
        return new long[] {first, size - 1};
      }
      return null;
    }
    return new long[] {first, last};
  }

  private static long[] invalid(long size) throws OssException {
    throw new OssException(416, "InvalidRange", "The requested range cannot be satisfied")
        .header("Content-Range", "bytes */" + size);
  }
}
