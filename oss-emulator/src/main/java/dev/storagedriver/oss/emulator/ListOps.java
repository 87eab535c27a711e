package dev.storagedriver.oss.emulator;

import static dev.storagedriver.oss.emulator.ObjectHeaders.quote;

import dev.storagedriver.oss.emulator.Model.Bucket;
import dev.storagedriver.oss.emulator.Model.Part;
import dev.storagedriver.oss.emulator.Model.StoredObject;
import dev.storagedriver.oss.emulator.Model.Upload;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/** ListObjects (V1 and V2), ListMultipartUploads and ListParts, with the elements the SDK's parsers require. */
final class ListOps {
  static final String OWNER_ID = "emulator";
  private final Store store;

  ListOps(Store store) {
    this.store = store;
  }

  /** One page of a listing: objects and common prefixes in key order, and where the next page starts. */
  record Page(List<StoredObject> contents, List<String> prefixes, boolean truncated, String next) {}

  static Page page(NavigableMap<String, StoredObject> objects, String prefix, String delimiter, String after,
      int max) {
    List<StoredObject> contents = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    Map.Entry<String, StoredObject> e = after != null && Keys.compare(after, prefix) >= 0
        ? objects.higherEntry(after) : objects.ceilingEntry(prefix);
    if (after != null && !delimiter.isEmpty() && after.startsWith(prefix) && after.endsWith(delimiter)
        && after.indexOf(delimiter, prefix.length()) == after.length() - delimiter.length()) {
      // the marker is a common prefix of this listing (a NextMarker or token): continue after all its keys
      String beyond = Keys.afterPrefix(after);
      e = beyond == null ? null : objects.ceilingEntry(beyond);
    }
    String last = null;
    boolean truncated = false;
    while (e != null && e.getKey().startsWith(prefix)) {
      if (contents.size() + prefixes.size() == max) {
        truncated = true;
        break;
      }
      String key = e.getKey();
      int idx = delimiter.isEmpty() ? -1 : key.indexOf(delimiter, prefix.length());
      if (idx >= 0) {
        String cp = key.substring(0, idx + delimiter.length());
        prefixes.add(cp);
        last = cp;
        // skip every key under this common prefix at once
        String beyond = Keys.afterPrefix(cp);
        e = beyond == null ? null : objects.ceilingEntry(beyond);
      } else {
        contents.add(e.getValue());
        last = key;
        e = objects.higherEntry(key);
      }
    }
    if (truncated && last == null) {
      last = after == null ? "" : after; // max-keys=0: nothing returned, the next page starts where this one did
    }
    return new Page(contents, prefixes, truncated, truncated ? last : null);
  }

  Exchange listObjects(OssRequest r, boolean v2) throws Exception {
    Bucket b = store.bucket(r.bucket);
    int max = ObjectHeaders.intParam(r, "max-keys", 100, 0, 1000);
    String prefix = r.query.getOrDefault("prefix", "");
    String delimiter = r.query.getOrDefault("delimiter", "");
    boolean url = "url".equals(r.param("encoding-type"));
    String token = r.param("continuation-token");
    String after = v2 ? (token != null ? decodeToken(token) : r.param("start-after")) : r.param("marker");
    boolean owner = !v2 || "true".equals(r.param("fetch-owner"));
    return Exchange.of(() -> {
      Page p = page(b.objects, prefix, delimiter, after, store.pageSize(max));
      Xml x = new Xml().open("ListBucketResult").el("Name", b.name).el("Prefix", enc(prefix, url));
      if (v2) {
        if (token != null) {
          x.el("ContinuationToken", token);
        }
        if (r.param("start-after") != null) {
          x.el("StartAfter", enc(r.param("start-after"), url));
        }
      } else {
        x.el("Marker", enc(r.query.getOrDefault("marker", ""), url));
      }
      x.el("MaxKeys", max);
      if (!delimiter.isEmpty()) {
        x.el("Delimiter", enc(delimiter, url));
      }
      if (url) {
        x.el("EncodingType", "url");
      }
      x.el("IsTruncated", p.truncated());
      if (p.truncated()) {
        if (v2) {
          x.el("NextContinuationToken", encodeToken(p.next()));
        } else {
          x.el("NextMarker", enc(p.next(), url));
        }
      }
      if (v2) {
        x.el("KeyCount", p.contents().size() + p.prefixes().size());
      }
      for (StoredObject o : p.contents()) {
        x.open("Contents").el("Key", enc(o.key(), url)).el("LastModified", Xml.date(o.lastModified()))
            .el("ETag", quote(o.etag())).el("Type", o.type()).el("Size", o.size())
            .el("StorageClass", o.meta().storageClass());
        if (owner) {
          x.open("Owner").el("ID", OWNER_ID).el("DisplayName", OWNER_ID).close("Owner");
        }
        x.close("Contents");
      }
      for (String cp : p.prefixes()) {
        x.open("CommonPrefixes").el("Prefix", enc(cp, url)).close("CommonPrefixes");
      }
      return Response.xml(x.close("ListBucketResult"));
    });
  }

  private static String enc(String s, boolean url) {
    return url ? ObjectOps.urlEncode(s) : s;
  }

  /** Continuation tokens are opaque to clients: the last returned key or prefix, base64url-encoded. */
  static String encodeToken(String last) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(last.getBytes(StandardCharsets.UTF_8));
  }

  private static String decodeToken(String token) throws OssException {
    try {
      return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw OssException.invalidArgument("Invalid continuation-token.");
    }
  }

  Exchange listUploads(OssRequest r) throws Exception {
    Bucket b = store.bucket(r.bucket);
    int max = ObjectHeaders.intParam(r, "max-uploads", 1000, 0, 1000);
    String prefix = r.query.getOrDefault("prefix", "");
    String delimiter = r.query.getOrDefault("delimiter", "");
    String keyMarker = r.query.getOrDefault("key-marker", "");
    String idMarker = r.query.getOrDefault("upload-id-marker", "");
    boolean url = "url".equals(r.param("encoding-type"));
    return Exchange.of(() -> {
      List<Upload> all = new ArrayList<>(b.uploads.values());
      all.sort(Comparator.comparing((Upload u) -> u.key, Keys.ORDER).thenComparing(u -> u.uploadId));
      List<Upload> uploads = new ArrayList<>();
      List<String> prefixes = new ArrayList<>();
      boolean truncated = false;
      String nextKey = "";
      String nextId = "";
      for (Upload u : all) {
        if (!u.key.startsWith(prefix)) {
          continue;
        }
        int c = Keys.compare(u.key, keyMarker);
        if (!keyMarker.isEmpty() && (c < 0 || (c == 0 && (idMarker.isEmpty() || u.uploadId.compareTo(idMarker) <= 0)))) {
          continue;
        }
        int idx = delimiter.isEmpty() ? -1 : u.key.indexOf(delimiter, prefix.length());
        String cp = idx >= 0 ? u.key.substring(0, idx + delimiter.length()) : null;
        if (cp != null && prefixes.contains(cp)) {
          continue;
        }
        if (uploads.size() + prefixes.size() == store.pageSize(max)) {
          truncated = true;
          break;
        }
        if (cp != null) {
          prefixes.add(cp);
        } else {
          uploads.add(u);
        }
        nextKey = u.key;
        nextId = u.uploadId;
      }
      Xml x = new Xml().open("ListMultipartUploadsResult").el("Bucket", b.name)
          .el("KeyMarker", enc(keyMarker, url)).el("UploadIdMarker", idMarker)
          // OSS fills the next markers with the last upload returned whether or not the listing is truncated
          .el("NextKeyMarker", enc(nextKey, url))
          .el("NextUploadIdMarker", nextId)
          .el("Delimiter", enc(delimiter, url)).el("Prefix", enc(prefix, url)).el("MaxUploads", max)
          .el("IsTruncated", truncated);
      if (url) {
        x.el("EncodingType", "url");
      }
      for (Upload u : uploads) {
        x.open("Upload").el("Key", enc(u.key, url)).el("UploadId", u.uploadId)
            .el("StorageClass", u.meta.storageClass()).el("Initiated", Xml.date(u.initiated)).close("Upload");
      }
      for (String cp : prefixes) {
        x.open("CommonPrefixes").el("Prefix", enc(cp, url)).close("CommonPrefixes");
      }
      return Response.xml(x.close("ListMultipartUploadsResult"));
    });
  }

  Exchange listParts(OssRequest r) throws Exception {
    Bucket b = store.bucket(r.bucket);
    String id = r.param("uploadId");
    Upload u = b.uploads.get(id);
    if (u == null || !u.key.equals(r.key)) {
      throw OssException.noSuchUpload(id);
    }
    int max = ObjectHeaders.intParam(r, "max-parts", 1000, 0, 1000);
    int marker = ObjectHeaders.intParam(r, "part-number-marker", 0, 0, MultipartOps.MAX_PARTS);
    boolean url = "url".equals(r.param("encoding-type"));
    return Exchange.of(() -> {
      List<Part> parts = new ArrayList<>();
      boolean truncated = false;
      for (Part p : u.parts.tailMap(marker, false).values()) {
        if (parts.size() == store.pageSize(max)) {
          truncated = true;
          break;
        }
        parts.add(p);
      }
      Xml x = new Xml().open("ListPartsResult").el("Bucket", b.name).el("Key", enc(u.key, url))
          .el("UploadId", u.uploadId).el("StorageClass", u.meta.storageClass())
          .el("PartNumberMarker", marker);
      if (!parts.isEmpty()) {
        x.el("NextPartNumberMarker", parts.get(parts.size() - 1).number()); // OSS sends none for an empty page
      }
      x.el("MaxParts", max).el("IsTruncated", truncated);
      if (url) {
        x.el("EncodingType", "url");
      }
      for (Part p : parts) {
        x.open("Part").el("PartNumber", p.number()).el("LastModified", Xml.date(p.lastModified()))
            .el("ETag", quote(p.etag())).el("HashCrc64ecma", Long.toUnsignedString(p.crc()))
            .el("Size", p.blob().size()).close("Part");
      }
      return Response.xml(x.close("ListPartsResult"));
    });
  }
}
