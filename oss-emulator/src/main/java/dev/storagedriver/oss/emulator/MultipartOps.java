package dev.storagedriver.oss.emulator;

import static dev.storagedriver.oss.emulator.ObjectHeaders.hex;
import static dev.storagedriver.oss.emulator.ObjectHeaders.quote;

import dev.storagedriver.oss.emulator.Model.Bucket;
import dev.storagedriver.oss.emulator.Model.Part;
import dev.storagedriver.oss.emulator.Model.StoredObject;
import dev.storagedriver.oss.emulator.Model.Upload;
import io.netty.buffer.Unpooled;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Initiate, UploadPart, UploadPartCopy, Complete and Abort of multipart uploads. */
final class MultipartOps {
  static final int MAX_PARTS = 10000;
  static final long MIN_PART = 100 * 1024;
  static final long MAX_PART = 5L << 30;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Store store;
  private final ObjectOps objects;

  MultipartOps(Store store) {
    this.store = store;
    this.objects = new ObjectOps(store);
  }

  Exchange initiate(OssRequest r) throws Exception {
    Bucket b = store.bucket(r.bucket);
    ObjectHeaders.checkKey(r.key);
    byte[] id = new byte[16];
    RANDOM.nextBytes(id);
    Upload u = new Upload(b.name, r.key, HexFormat.of().withUpperCase().formatHex(id), System.currentTimeMillis(),
        ObjectHeaders.metaFrom(r, b));
    return Exchange.of(() -> {
      b.uploads.put(u.uploadId, u);
      boolean url = "url".equals(r.param("encoding-type"));
      Xml x = new Xml().open("InitiateMultipartUploadResult").el("Bucket", b.name)
          .el("Key", url ? ObjectOps.urlEncode(u.key) : u.key).el("UploadId", u.uploadId);
      if (url) {
        x.el("EncodingType", "url");
      }
      return Response.xml(x.close("InitiateMultipartUploadResult"));
    });
  }

  private Upload upload(Bucket b, OssRequest r) throws OssException {
    String id = r.param("uploadId");
    Upload u = id == null ? null : b.uploads.get(id);
    if (u == null || !u.key.equals(r.key)) {
      throw OssException.noSuchUpload(id);
    }
    return u;
  }

  private static int partNumber(OssRequest r) throws OssException {
    return ObjectHeaders.intParam(r, "partNumber", -1, 1, MAX_PARTS);
  }

  Exchange uploadPart(OssRequest r) throws Exception {
    Bucket b = store.bucket(r.bucket);
    Upload u = upload(b, r);
    int n = partNumber(r);
    if (BodyExchanges.contentLength(r) > MAX_PART) {
      throw new OssException(400, "EntityTooLarge", "A part is limited to 5 GB.");
    }
    return BodyExchanges.upload(store.blobs, r, body -> {
      Part p = new Part(n, body.blob(), hex(body.md5()), body.crc(), System.currentTimeMillis());
      addPart(u, p);
      return Response.ok().header("ETag", quote(p.etag()))
          .header("x-oss-hash-crc64ecma", Long.toUnsignedString(p.crc()));
    });
  }

  /** Installs a part, replacing (and freeing) an earlier upload of the same number. */
  private static void addPart(Upload u, Part p) throws OssException {
    synchronized (u) {
      if (u.finished) {
        throw OssException.noSuchUpload(u.uploadId);
      }
      Part old = u.parts.put(p.number(), p);
      if (old != null && old.blob() != p.blob()) {
        old.blob().release();
      }
    }
  }

  Exchange uploadPartCopy(OssRequest r) throws Exception {
    Bucket b = store.bucket(r.bucket);
    Upload u = upload(b, r);
    int n = partNumber(r);
    StoredObject src = objects.source(r);
    // OSS checks the x-oss-copy-source-if-* conditions on UploadPartCopy as on CopyObject
    Conditions.check(r, src, "x-oss-copy-source-if-match", "x-oss-copy-source-if-none-match",
        "x-oss-copy-source-if-modified-since", "x-oss-copy-source-if-unmodified-since", true);
    long first = 0;
    long last = src.size() - 1;
    String range = r.header("x-oss-copy-source-range");
    // as OSS does for GetObject by default: a range it cannot serve exactly (past the end) is ignored and the
    // whole source is copied
    long[] rr = Ranges.resolve(range, src.size(), false);
    if (rr != null) {
      first = rr[0];
      last = rr[1];
    }
    if (last - first + 1 > MAX_PART) {
      throw new OssException(400, "EntityTooLarge", "A part is limited to 5 GB.");
    }
    long off = first;
    long len = Math.max(0, last - first + 1);
    return Exchange.of(() -> {
      // re-read the range through the digests: the part needs its own MD5 and CRC
      BlobWriter w = store.blobs.writer(len);
      MessageDigest md5 = BodyExchanges.md5();
      Crc64 crc = new Crc64();
      Blob blob;
      try (InputStream in = src.blob().open(off, len)) {
        byte[] buf = new byte[256 * 1024];
        int k;
        while ((k = in.read(buf)) > 0) {
          md5.update(buf, 0, k);
          crc.update(buf, 0, k);
          w.write(Unpooled.wrappedBuffer(buf, 0, k));
        }
        blob = w.finish();
      } catch (Exception e) {
        w.abort();
        throw e;
      }
      byte[] digest = md5.digest();
      Part p = new Part(n, blob, hex(digest), crc.value(), System.currentTimeMillis());
      try {
        addPart(u, p);
      } catch (OssException e) {
        blob.release();
        throw e;
      }
      return Response.xml(new Xml().open("CopyPartResult").el("LastModified", Xml.date(p.lastModified()))
          .el("ETag", quote(p.etag())).close("CopyPartResult"))
          .header("x-oss-hash-crc64ecma", Long.toUnsignedString(p.crc()));
    });
  }

  Exchange complete(OssRequest r) throws Exception {
    Bucket b = store.bucket(r.bucket);
    Upload u = upload(b, r);
    boolean all = "yes".equalsIgnoreCase(r.header("x-oss-complete-all"));
    boolean url = "url".equals(r.param("encoding-type"));
    return BodyExchanges.document(r, 4 << 20, body -> {
      List<Part> chosen = all ? new ArrayList<>(u.parts.values()) : chosenParts(u, body);
      for (int i = 0; i < chosen.size() - 1; i++) {
        if (chosen.get(i).blob().size() < MIN_PART) {
          throw new OssException(400, "EntityTooSmall", "Your proposed upload smaller than the minimum allowed "
              + "size.").with("PartNumber", String.valueOf(chosen.get(i).number()));
        }
      }
      synchronized (u) {
        if (u.finished) {
          throw OssException.noSuchUpload(u.uploadId);
        }
        u.finished = true;
      }
      List<Blob> blobs = new ArrayList<>();
      long crc = 0;
      for (Part p : chosen) {
        blobs.add(p.blob());
        crc = Crc64.combine(crc, p.crc(), p.blob().size());
      }
      Blob whole;
      try {
        // parts cannot change while finished is set, so the concatenation reads stable blobs
        whole = store.blobs.concat(blobs);
      } catch (Exception e) {
        u.finished = false; // the upload stays usable: the client may retry or abort
        throw e;
      }
      b.uploads.remove(u.uploadId);
      String etag = multipartEtag(chosen);
      StoredObject o = new StoredObject(u.key, whole, etag, crc, System.currentTimeMillis(), "Multipart", u.meta);
      synchronized (b) {
        store.replace(b, o);
      }
      releaseParts(u, whole);
      Xml x = new Xml().open("CompleteMultipartUploadResult");
      if (url) {
        x.el("EncodingType", "url");
      }
      String key = url ? ObjectOps.urlEncode(u.key) : u.key;
      // Location is a URL, so its key is percent-encoded whatever encoding-type says (OSS: ".../a%20b%2Bc")
      x.el("Location", "http://" + r.header("Host") + "/" + b.name + "/" + SignatureV4.encode(u.key, true))
          .el("Bucket", b.name).el("Key", key).el("ETag", quote(etag));
      return Response.xml(x.close("CompleteMultipartUploadResult"))
          .header("x-oss-hash-crc64ecma", Long.toUnsignedString(crc)).header("ETag", quote(etag));
    });
  }

  /**
   * OSS's multipart ETag: the MD5 of the concatenated upper-case hex ETags of the parts, then {@code -N}. (S3
   * hashes the binary part digests instead; the two differ.)
   */
  static String multipartEtag(List<Part> parts) {
    StringBuilder joined = new StringBuilder(parts.size() * 32);
    for (Part p : parts) {
      joined.append(p.etag());
    }
    return hex(BodyExchanges.md5().digest(joined.toString().getBytes(StandardCharsets.US_ASCII))) + "-"
        + parts.size();
  }

  /**
   * Validates the listed parts: ascending numbers (InvalidPartOrder), existing with matching ETag (InvalidPart). An
   * empty body or a document without parts is accepted, as OSS does: it completes an empty object.
   */
  private static List<Part> chosenParts(Upload u, byte[] body) throws OssException {
    List<Part> chosen = new ArrayList<>();
    if (new String(body, StandardCharsets.UTF_8).isBlank()) {
      return chosen;
    }
    XmlIn.Doc doc = XmlIn.parse(body, "Part");
    int previous = 0;
    for (Map<String, String> rec : doc.records()) {
      int n;
      try {
        n = Integer.parseInt(rec.getOrDefault("PartNumber", "").trim());
      } catch (NumberFormatException e) {
        throw OssException.malformedXml("Invalid PartNumber.").ec("0042-00000205");
      }
      if (n <= previous) {
        throw new OssException(400, "InvalidPartOrder", "The list of parts was not in ascending order. Parts list "
            + "must specified in order by part number.");
      }
      previous = n;
      Part p = u.parts.get(n);
      String etag = ObjectHeaders.unquote(rec.getOrDefault("ETag", ""));
      if (p == null || !p.etag().equalsIgnoreCase(etag)) {
        throw new OssException(400, "InvalidPart", "One or more of the specified parts could not be found or the "
            + "specified entity tag might not have matched the part's entity tag.")
            .with("PartNumber", String.valueOf(n)).with("ETag", etag);
      }
      chosen.add(p);
    }
    return chosen;
  }

  /** Frees every part's storage (memory blobs are shared by the completed object, so releasing is a no-op). */
  private static void releaseParts(Upload u, Blob keep) {
    for (Part p : u.parts.values()) {
      if (p.blob() != keep) {
        p.blob().release();
      }
    }
    u.parts.clear();
  }

  Exchange abort(OssRequest r) throws Exception {
    Bucket b = store.bucket(r.bucket);
    Upload u = upload(b, r);
    return Exchange.of(() -> {
      synchronized (u) {
        if (u.finished) {
          throw OssException.noSuchUpload(u.uploadId);
        }
        u.finished = true;
      }
      b.uploads.remove(u.uploadId);
      releaseParts(u, null);
      return Response.noContent();
    });
  }
}
