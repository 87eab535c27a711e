package dev.storagedriver.oss.emulator;

import static dev.storagedriver.oss.emulator.ObjectHeaders.hex;
import static dev.storagedriver.oss.emulator.ObjectHeaders.quote;

import dev.storagedriver.oss.emulator.Model.Bucket;
import dev.storagedriver.oss.emulator.Model.Meta;
import dev.storagedriver.oss.emulator.Model.StoredObject;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** PutObject, GetObject/HeadObject, GetObjectMeta, DeleteObject, CopyObject, AppendObject, DeleteMultipleObjects. */
final class ObjectOps {
  static final long MAX_PUT = 5L << 30;
  static final int MAX_DELETE_KEYS = 1000;

  private final Store store;

  ObjectOps(Store store) {
    this.store = store;
  }

  Exchange put(OssRequest r) throws Exception {
    Bucket b = store.bucket(r.bucket);
    ObjectHeaders.checkKey(r.key);
    if (BodyExchanges.contentLength(r) > MAX_PUT) {
      throw new OssException(400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size.");
    }
    boolean forbid = "true".equalsIgnoreCase(r.header("x-oss-forbid-overwrite"));
    checkOverwrite(b, r.key, forbid);
    Meta meta = ObjectHeaders.metaFrom(r, b);
    return BodyExchanges.upload(store.blobs, r, body -> {
      StoredObject o = new StoredObject(r.key, body.blob(), hex(body.md5()), body.crc(),
          System.currentTimeMillis(), "Normal", meta);
      synchronized (b) {
        checkOverwrite(b, r.key, forbid);
        store.replace(b, o);
      }
      return Response.ok().header("ETag", quote(o.etag()))
          .header("x-oss-hash-crc64ecma", Long.toUnsignedString(o.crc()))
          .header("Content-MD5", Base64.getEncoder().encodeToString(body.md5()));
    });
  }

  private static void checkOverwrite(Bucket b, String key, boolean forbid) throws OssException {
    if (forbid && b.objects.containsKey(key)) {
      throw new OssException(409, "FileAlreadyExists", "The object you specified already exists and can not be "
          + "overwritten.");
    }
  }

  /** GET and HEAD: conditional headers, the single-range rules of OSS, response-* overrides. */
  Exchange get(OssRequest r) throws Exception {
    Bucket b = store.bucket(r.bucket);
    StoredObject o = store.object(b, r.key);
    return Exchange.of(() -> {
      Response resp = Conditions.check(r, o, "If-Match", "If-None-Match", "If-Modified-Since",
          "If-Unmodified-Since", false);
      if (resp != null) {
        return resp;
      }
      resp = Response.ok();
      ObjectHeaders.write(resp, o);
      long size = o.size();
      long[] range = Ranges.resolve(r.header("Range"), size, "standard".equalsIgnoreCase(
          r.header("x-oss-range-behavior")));
      long start = 0;
      long length = size;
      if (range != null) {
        resp = new Response(206);
        ObjectHeaders.write(resp, o);
        resp.headers.remove("Content-MD5"); // it is the digest of the whole object, not of this part of it
        start = range[0];
        length = range[1] - range[0] + 1;
        resp.header("Content-Range", "bytes " + range[0] + "-" + range[1] + "/" + size);
      }
      for (Map.Entry<String, String> q : r.query.entrySet()) {
        String override = RESPONSE_OVERRIDES.get(q.getKey());
        if (override != null) {
          resp.header(override, q.getValue());
        }
      }
      if (r.method.name().equals("HEAD")) {
        return resp.header("Content-Length", length);
      }
      return resp.body(o.blob(), start, length);
    });
  }

  private static final Map<String, String> RESPONSE_OVERRIDES = Map.of(
      "response-content-type", "Content-Type",
      "response-content-language", "Content-Language",
      "response-expires", "Expires",
      "response-cache-control", "Cache-Control",
      "response-content-disposition", "Content-Disposition",
      "response-content-encoding", "Content-Encoding");

  Exchange getMeta(OssRequest r) throws Exception {
    StoredObject o = store.object(store.bucket(r.bucket), r.key);
    return Exchange.of(() -> Response.ok()
        .header("ETag", quote(o.etag()))
        .header("Content-Length", o.size())
        .header("Last-Modified", ObjectHeaders.httpDate(o.lastModified())));
  }

  Exchange delete(OssRequest r) throws Exception {
    Bucket b = store.bucket(r.bucket);
    return Exchange.of(() -> {
      synchronized (b) {
        store.delete(b, r.key);
      }
      return Response.noContent();
    });
  }

  Exchange copy(OssRequest r) throws Exception {
    Bucket b = store.bucket(r.bucket);
    ObjectHeaders.checkKey(r.key);
    StoredObject src = source(r);
    Conditions.check(r, src, "x-oss-copy-source-if-match", "x-oss-copy-source-if-none-match",
        "x-oss-copy-source-if-modified-since", "x-oss-copy-source-if-unmodified-since", true);
    // OSS refuses an appendable source only in versioned buckets, which the emulator does not have
    if (src.size() > store.maxCopySize) {
      throw new OssException(400, "EntityTooLarge", "CopyObject is limited to 1 GB; use UploadPartCopy.");
    }
    String directive = r.header("x-oss-metadata-directive");
    Meta meta;
    if (directive == null || directive.equals("COPY")) {
      meta = src.meta();
    } else if (directive.equals("REPLACE")) {
      meta = ObjectHeaders.metaFrom(r, b);
    } else {
      throw OssException.invalidArgument("Invalid x-oss-metadata-directive: " + directive);
    }
    boolean forbid = "true".equalsIgnoreCase(r.header("x-oss-forbid-overwrite"));
    return Exchange.of(() -> {
      Blob copy = store.blobs.copy(src.blob(), 0, src.size());
      // the copy of an appendable object is a Normal one, whose ETag is the MD5 of its content
      boolean appendable = "Appendable".equals(src.type());
      String etag = appendable ? hex(md5Of(src.blob())) : src.etag();
      StoredObject o = new StoredObject(r.key, copy, etag, src.crc(), System.currentTimeMillis(),
          appendable ? "Normal" : src.type(), meta);
      try {
        synchronized (b) {
          checkOverwrite(b, r.key, forbid);
          store.replace(b, o);
        }
      } catch (OssException e) {
        if (copy != src.blob()) {
          copy.release();
        }
        throw e;
      }
      Response resp = Response.xml(new Xml().open("CopyObjectResult").el("ETag", quote(o.etag()))
          .el("LastModified", Xml.date(o.lastModified())).close("CopyObjectResult"));
      return resp.header("x-oss-hash-crc64ecma", Long.toUnsignedString(o.crc())).header("ETag", quote(o.etag()));
    });
  }

  private static byte[] md5Of(Blob blob) throws java.io.IOException {
    MessageDigest md5 = BodyExchanges.md5();
    try (InputStream in = blob.open(0, blob.size())) {
      byte[] buf = new byte[256 * 1024];
      int n;
      while ((n = in.read(buf)) > 0) {
        md5.update(buf, 0, n);
      }
    }
    return md5.digest();
  }

  /** Resolves {@code x-oss-copy-source: /bucket/url-encoded-key}. */
  StoredObject source(OssRequest r) throws OssException {
    String s = r.header("x-oss-copy-source");
    String p = s.startsWith("/") ? s.substring(1) : s;
    int slash = p.indexOf('/');
    if (slash <= 0 || slash == p.length() - 1) {
      throw OssException.invalidArgument("Invalid x-oss-copy-source: " + s);
    }
    String bucket = OssRequest.decodePath(p.substring(0, slash));
    String key = OssRequest.decodePath(p.substring(slash + 1));
    if (bucket == null || key == null) {
      throw OssException.invalidArgument("Invalid x-oss-copy-source (not UTF-8): " + s);
    }
    return store.object(store.bucket(bucket), key);
  }

  /**
   * AppendObject: the position must equal the current length (checked before the body is read and again when
   * committing, under the bucket lock, so concurrent appends cannot interleave).
   */
  Exchange append(OssRequest r) throws Exception {
    Bucket b = store.bucket(r.bucket);
    ObjectHeaders.checkKey(r.key);
    long position;
    if (r.param("position") == null) {
      throw OssException.missingArgument("position");
    }
    try {
      position = Long.parseLong(r.param("position"));
    } catch (NumberFormatException e) {
      throw OssException.invalidArgument("position is invalid.").with("ArgumentName", "position")
          .with("ArgumentValue", r.param("position"));
    }
    checkAppend(b.objects.get(r.key), position);
    if (position + Math.max(0, BodyExchanges.contentLength(r)) > MAX_PUT) {
      throw new OssException(400, "EntityTooLarge", "An appendable object is limited to 5 GB.");
    }
    Meta meta = ObjectHeaders.metaFrom(r, b);
    return BodyExchanges.upload(store.blobs, r, body -> {
      StoredObject o;
      synchronized (b) {
        StoredObject cur = b.objects.get(r.key);
        checkAppend(cur, position);
        long now = System.currentTimeMillis();
        if (cur == null) {
          o = new StoredObject(r.key, body.blob(), hex(body.md5()), body.crc(), now, "Appendable", meta);
        } else {
          long tail = body.blob().size();
          Blob grown = store.blobs.append(cur.blob(), body.blob());
          byte[] etag = BodyExchanges.md5().digest((cur.etag() + hex(body.md5())).getBytes(StandardCharsets.UTF_8));
          o = new StoredObject(r.key, grown, hex(etag), Crc64.combine(cur.crc(), body.crc(), tail), now,
              "Appendable", cur.meta());
        }
        store.replace(b, o);
      }
      return Response.ok().header("ETag", quote(o.etag())).header("x-oss-next-append-position", o.size())
          .header("x-oss-hash-crc64ecma", Long.toUnsignedString(o.crc()));
    });
  }

  private static void checkAppend(StoredObject cur, long position) throws OssException {
    if (cur != null && !"Appendable".equals(cur.type())) {
      throw new OssException(409, "ObjectNotAppendable", "The object is not appendable");
    }
    long length = cur == null ? 0 : cur.size();
    if (position != length) {
      throw new OssException(409, "PositionNotEqualToLength",
          "Position is not equal to file length").header("x-oss-next-append-position", length);
    }
  }

  Exchange deleteMultiple(OssRequest r) throws Exception {
    Bucket b = store.bucket(r.bucket);
    if (r.header("Content-MD5") == null) {
      throw new OssException(400, "InvalidDigest", "Content-MD5 is required for DeleteMultipleObjects.");
    }
    // the SDK sends encoding-type as a header; OSS documents it as one (the query form is accepted too). It only
    // encodes the keys of the answer: request keys are taken literally, control characters raw or as &#x..;
    boolean url = "url".equals(r.param("encoding-type")) || "url".equals(r.header("encoding-type"));
    return BodyExchanges.document(r, 2 << 20, body -> {
      XmlIn.Doc doc = XmlIn.parse(body, "Object");
      if (!"Delete".equals(doc.root())) {
        throw OssException.malformedXml("The XML you provided was not well-formed or did not validate against our "
            + "published schema.").with("ErrorDetail", "the root node is not named Delete.").ec("0016-00000608");
      }
      boolean quiet = "true".equalsIgnoreCase(doc.fields().getOrDefault("Quiet", "false"));
      List<String> keys = new ArrayList<>();
      for (Map<String, String> o : doc.records()) {
        String key = o.get("Key");
        if (key == null || key.isEmpty()) {
          throw OssException.malformedXml("Every Object needs a Key.");
        }
        keys.add(key);
      }
      if (keys.isEmpty() || keys.size() > MAX_DELETE_KEYS) {
        throw OssException.malformedXml("A Delete request carries 1 to " + MAX_DELETE_KEYS + " keys.");
      }
      synchronized (b) {
        for (String k : keys) {
          store.delete(b, k);
        }
      }
      if (quiet) {
        return Response.ok();
      }
      Xml x = new Xml().open("DeleteResult");
      if (url) {
        x.el("EncodingType", "url");
      }
      for (String k : keys) {
        x.open("Deleted").el("Key", url ? urlEncode(k) : k).close("Deleted");
      }
      return Response.xml(x.close("DeleteResult"));
    });
  }

  static String urlEncode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
