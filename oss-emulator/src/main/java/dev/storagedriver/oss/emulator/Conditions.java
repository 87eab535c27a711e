package dev.storagedriver.oss.emulator;

import dev.storagedriver.oss.emulator.Model.StoredObject;

/** Conditional request headers (If-*, and their x-oss-copy-source-if-* twins on copies). */
final class Conditions {
  private Conditions() {}

  /**
   * Returns a 304 response when a not-modified condition holds on a read, null when the request proceeds, and
   * throws 412 PreconditionFailed otherwise. Copies answer every failed condition with 412.
   */
  static Response check(OssRequest r, StoredObject o, String ifMatch, String ifNoneMatch, String ifModifiedSince,
      String ifUnmodifiedSince, boolean copy) throws OssException {
    String v = r.header(ifMatch);
    if (v != null && !etagMatches(v, o.etag())) {
      throw failed(ifMatch);
    }
    v = r.header(ifUnmodifiedSince);
    if (v != null && o.lastModified() / 1000 > parse(v) / 1000) {
      throw failed(ifUnmodifiedSince);
    }
    v = r.header(ifNoneMatch);
    if (v != null && etagMatches(v, o.etag())) {
      return notModified(o, copy, ifNoneMatch);
    }
    v = r.header(ifModifiedSince);
    if (v != null && o.lastModified() / 1000 <= parse(v) / 1000) {
      return notModified(o, copy, ifModifiedSince);
    }
    return null;
  }

  private static Response notModified(StoredObject o, boolean copy, String header) throws OssException {
    if (copy) {
      throw failed(header);
    }
    return new Response(304).header("ETag", ObjectHeaders.quote(o.etag()))
        .header("Last-Modified", ObjectHeaders.httpDate(o.lastModified()));
  }

  private static boolean etagMatches(String header, String etag) {
    for (String e : header.split(",")) {
      String t = ObjectHeaders.unquote(e);
      if (t.equals("*") || t.equalsIgnoreCase(etag)) {
        return true;
      }
    }
    return false;
  }

  private static long parse(String date) throws OssException {
    try {
      return Authenticator.parseHttpDate(date);
    } catch (OssException e) {
      throw OssException.invalidArgument("Invalid date: " + date);
    }
  }

  private static OssException failed(String header) {
    return new OssException(412, "PreconditionFailed", "At least one of the pre-conditions you specified did not "
        + "hold.").with("Condition", header);
  }
}
