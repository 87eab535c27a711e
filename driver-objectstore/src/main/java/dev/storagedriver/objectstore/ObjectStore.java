package dev.storagedriver.objectstore;

import dev.storagedriver.RedirectMethod;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.Checksum;

/**
 * The raw requests of one bucket of an object store, the SPI an SDK adapter implements for {@link
 * ObjectStoreBackend}. Each method is one request (or, for {@link #close}, none): no retries, no pagination, no
 * paths. Keys are full object keys (the root directory already prefixed). Failures are {@link
 * ObjectStoreException}s classified by their {@link ObjectStoreException.Kind}; any other {@link IOException}
 * is treated as {@link ObjectStoreException.Kind#TRANSIENT} (a connection that broke).
 *
 * <p>Everything beyond one request (part sizes, parallelism, the hidden state of uncommitted writers, retries,
 * walk order, batching) is the backend's job, so every object store gets the same behaviour. An adapter must
 * therefore turn its SDK's own retries off: the backend knows which requests are idempotent, and retrying in
 * both places would square the attempts.
 *
 * <p>The default methods are what some stores offer beyond S3's core and others do not: an end-to-end checksum
 * of parts and objects ({@link #newChecksum}, OSS's CRC-64), a single-copy size limit that makes a HEAD before a
 * copy unnecessary ({@link #maxCopyBytes}), keys the store refuses ({@link #refusedKey}), and proof that a
 * Complete whose answer was lost took effect ({@link #holds}). Their defaults are "not offered".
 */
public interface ObjectStore extends Closeable {
  /**
   * An object as a listing or a HEAD reports it.
   *
   * @param key the full key
   * @param size the size in bytes
   * @param lastModified when it was last written
   * @param etag the store's entity tag, quotes removed, or null if not reported
   */
  record ObjectInfo(String key, long size, Instant lastModified, String etag) {}

  /**
   * One page of a listing.
   *
   * @param objects the objects of the page, in the store's key order
   * @param prefixes the common prefixes (with their trailing delimiter), when a delimiter was given
   * @param nextToken the continuation token of the next page, or null if this was the last
   */
  record Listing(List<ObjectInfo> objects, List<String> prefixes, String nextToken) {}

  /**
   * An object's body from a GET.
   *
   * @param stream the bytes from the requested offset; closing it before its end must abort the connection
   * @param offset the offset the body starts at (the store's Content-Range, or 0 for a whole object)
   * @param size the size of the whole object
   * @param etag the object's entity tag, quotes removed, or null
   * @param metadata the object's user metadata, names in lower case without the store's prefix
   * @param checksum the whole object's checksum in the algorithm of {@link #newChecksum}, or null if the store
   *     reports none
   * @param streamChecksum a checksum in that algorithm that {@code stream} itself keeps over every byte it
   *     delivers (the SDK's own, as OSS's does for whole reads), so the reader need not compute a second; or null
   */
  record Body(InputStream stream, long offset, long size, String etag, Map<String, String> metadata,
      Long checksum, Checksum streamChecksum) {
    /**
     * A body without a checksum.
     *
     * @param stream the bytes from the requested offset
     * @param offset the offset the body starts at
     * @param size the size of the whole object
     * @param etag the object's entity tag, or null
     * @param metadata the object's user metadata
     */
    public Body(InputStream stream, long offset, long size, String etag, Map<String, String> metadata) {
      this(stream, offset, size, etag, metadata, null, null);
    }
  }

  /**
   * A multipart upload in progress.
   *
   * @param key the key it will commit to
   * @param uploadId the store's id of the upload
   * @param initiated when it was started
   */
  record Upload(String key, String uploadId, Instant initiated) {}

  /**
   * One page of in-progress uploads.
   *
   * @param uploads the uploads of the page
   * @param nextKeyMarker the key marker of the next page, or null if this was the last
   * @param nextUploadIdMarker the upload id marker of the next page, or null
   */
  record UploadListing(List<Upload> uploads, String nextKeyMarker, String nextUploadIdMarker) {}

  /**
   * A part of a multipart upload.
   *
   * @param number the part number, from 1
   * @param etag the part's entity tag, quotes removed
   * @param size the part's size in bytes
   * @param checksum the checksum of the part's bytes in the algorithm of {@link #newChecksum}, or null if
   *     unknown (the store offers none, or the part was listed rather than uploaded by this process)
   */
  record Part(int number, String etag, long size, Long checksum) {
    /**
     * A part without a checksum.
     *
     * @param number the part number, from 1
     * @param etag the part's entity tag, quotes removed
     * @param size the part's size in bytes
     */
    public Part(int number, String etag, long size) {
      this(number, etag, size, null);
    }
  }

  /**
   * One page of an upload's parts.
   *
   * @param parts the parts of the page, by number
   * @param nextPartNumberMarker the marker of the next page, or 0 if this was the last
   */
  record PartListing(List<Part> parts, int nextPartNumberMarker) {}

  /**
   * The most UTF-8 bytes a key may take.
   *
   * @return the store's key length limit
   */
  int maxKeyBytes();

  /**
   * Why the store cannot hold {@code key} although it is within {@link #maxKeyBytes}, or null if it can.
   *
   * @param key the full key of a valid path
   * @return a reason for the {@code INVALID_PATH} error (naming a remedy), or null
   */
  default String refusedKey(String key) {
    return null;
  }

  /**
   * The largest object {@link #copy} copies in one request. When the driver's multipart-copy threshold is at
   * least this, a move sends the copy without asking the size first and falls back to a multipart copy when the
   * store refuses it ({@link ObjectStoreException.Kind#TOO_LARGE}).
   *
   * @return the single-copy limit in bytes; the default, {@link Long#MAX_VALUE}, means "ask the size first"
   */
  default long maxCopyBytes() {
    return Long.MAX_VALUE;
  }

  /**
   * A fresh checksum in the algorithm of the checksums this store reports for parts ({@link Part#checksum}) and
   * objects ({@link Body#checksum}): a read of a whole object is checked against it, and a multipart commit
   * passes the expected checksum to {@link #complete(String, String, List, Long)}.
   *
   * @return a new checksum, or null (the default) if the store reports none
   */
  default Checksum newChecksum() {
    return null;
  }

  /**
   * The checksum of the concatenation of {@code runs}, each given by its {@link Part#size} and {@link
   * Part#checksum} (a run may stand for several parts, such as those of a resumed write).
   *
   * @param runs byte runs in order
   * @return their combined checksum, or null if the store reports none or a run's checksum is null
   */
  default Long combineChecksums(List<Part> runs) {
    return null;
  }

  /**
   * HEAD of an object.
   *
   * @param key the key
   * @return the object, or empty if there is none
   * @throws IOException if the request fails
   */
  Optional<ObjectInfo> head(String key) throws IOException;

  /**
   * GET of an object from {@code offset} to its end.
   *
   * @param key the key
   * @param offset 0 for the whole object, else the first byte wanted (a range request)
   * @param ifMatch the entity tag the object must still have, or null for any
   * @return the body
   * @throws IOException {@link ObjectStoreException.Kind#NOT_FOUND}, {@link
   *     ObjectStoreException.Kind#RANGE_NOT_SATISFIABLE} when {@code offset} is at or past the end, {@link
   *     ObjectStoreException.Kind#PRECONDITION_FAILED} when the entity tag differs, or another failure
   */
  Body get(String key, long offset, String ifMatch) throws IOException;

  /**
   * PUT of a whole object from memory, replacing any object at the key atomically. The implementation applies
   * the driver's settings for new objects (encryption, storage class, ACL) and checks the body's integrity where
   * its store can.
   *
   * @param key the key
   * @param data the bytes, from index 0
   * @param length how many bytes of {@code data}
   * @param metadata user metadata to store with the object (ASCII names and values), may be empty
   * @throws IOException if the request fails
   */
  void put(String key, byte[] data, int length, Map<String, String> metadata) throws IOException;

  /**
   * One page of the keys starting with {@code prefix}, in the store's key order.
   *
   * @param prefix the key prefix, may be empty
   * @param delimiter null for a flat listing, else the delimiter that groups keys into common prefixes
   * @param startAfter list only keys after this one, or null
   * @param token the continuation token of an earlier page, or null for the first
   * @param maxKeys at most this many keys and prefixes
   * @return the page
   * @throws IOException if the request fails
   */
  Listing list(String prefix, String delimiter, String startAfter, String token, int maxKeys) throws IOException;

  /**
   * DELETE of one object; deleting a missing key succeeds.
   *
   * @param key the key
   * @throws IOException if the request fails
   */
  void delete(String key) throws IOException;

  /**
   * One batch delete of at most 1,000 keys. Keys that were already missing count as deleted.
   *
   * @param keys the keys
   * @return the keys the store did not delete (empty when all went)
   * @throws IOException if the request fails as a whole
   */
  List<String> deleteBatch(List<String> keys) throws IOException;

  /**
   * Server-side copy of a whole object in one request (the store's single-copy size limit applies).
   *
   * @param from the source key
   * @param to the destination key
   * @throws IOException if the request fails
   */
  void copy(String from, String to) throws IOException;

  /**
   * Starts a multipart upload with the driver's settings for new objects.
   *
   * @param key the key it will commit to
   * @return the upload id
   * @throws IOException if the request fails
   */
  String createUpload(String key) throws IOException;

  /**
   * Uploads one part from memory.
   *
   * @param key the upload's key
   * @param uploadId the upload
   * @param number the part number, from 1
   * @param data the bytes, from index 0
   * @param length how many bytes of {@code data}
   * @return the part, with its entity tag and, where the store reports one, its checksum
   * @throws IOException if the request fails
   */
  Part uploadPart(String key, String uploadId, int number, byte[] data, int length) throws IOException;

  /**
   * Uploads one part by copying a byte range of another object, of the version {@code sourceEtag} names: every
   * part of a multipart copy must come from the same version, or the copy would join two objects' bytes.
   *
   * @param from the source key
   * @param to the upload's key
   * @param uploadId the upload
   * @param number the part number, from 1
   * @param first the first byte of the source range
   * @param length the length of the range
   * @param sourceEtag the entity tag the source must still have (the copy-source If-Match condition), or null
   *     when the store reported none; a source replaced since fails with {@link
   *     ObjectStoreException.Kind#PRECONDITION_FAILED}
   * @return the part's entity tag
   * @throws IOException if the request fails
   */
  String uploadPartCopy(String from, String to, String uploadId, int number, long first, long length,
      String sourceEtag) throws IOException;

  /**
   * Completes an upload: the object at the key becomes the parts, in order, atomically.
   *
   * @param key the upload's key
   * @param uploadId the upload
   * @param parts the parts, by number
   * @throws IOException {@link ObjectStoreException.Kind#NO_SUCH_UPLOAD} if the upload is gone, or another
   *     failure
   */
  void complete(String key, String uploadId, List<Part> parts) throws IOException;

  /**
   * Completes an upload whose whole content should have {@code checksum}. A store that reports the checksum of
   * the object it made compares them, and on a mismatch deletes the object (it holds bytes that were not
   * written) and fails with {@link ObjectStoreException.Kind#CORRUPTED}. The default ignores the checksum.
   *
   * @param key the upload's key
   * @param uploadId the upload
   * @param parts the parts, by number
   * @param checksum the expected checksum of the whole object ({@link #combineChecksums}), or null if unknown
   * @throws IOException {@link ObjectStoreException.Kind#NO_SUCH_UPLOAD} if the upload is gone, {@link
   *     ObjectStoreException.Kind#CORRUPTED} on a checksum mismatch, or another failure
   */
  default void complete(String key, String uploadId, List<Part> parts, Long checksum) throws IOException {
    complete(key, uploadId, parts);
  }

  /**
   * Whether the object at {@code key} now holds exactly these parts: asked after a Complete whose answer was
   * lost, to tell a commit that happened from one that did not. The default answers false (unknowable), so the
   * commit fails rather than claim success.
   *
   * @param key the upload's key
   * @param parts the parts the Complete named
   * @param size their total size
   * @return true only if the store proves the object is these parts
   * @throws IOException if the store cannot be asked
   */
  default boolean holds(String key, List<Part> parts, long size) throws IOException {
    return false;
  }

  /**
   * As {@link #holds(String, List, long)}, with the expected checksum of the whole object, which a store that
   * reports object checksums compares instead. The default ignores the checksum.
   *
   * @param key the upload's key
   * @param parts the parts the Complete named
   * @param size their total size
   * @param checksum their combined checksum ({@link #combineChecksums}), or null if unknown
   * @return true only if the store proves the object is these parts
   * @throws IOException if the store cannot be asked
   */
  default boolean holds(String key, List<Part> parts, long size, Long checksum) throws IOException {
    return holds(key, parts, size);
  }

  /**
   * Aborts an upload and frees its parts.
   *
   * @param key the upload's key
   * @param uploadId the upload
   * @throws IOException {@link ObjectStoreException.Kind#NO_SUCH_UPLOAD} if it is already gone, or another
   *     failure
   */
  void abort(String key, String uploadId) throws IOException;

  /**
   * One page of the uploads in progress for keys starting with {@code prefix}.
   *
   * @param prefix the key prefix
   * @param keyMarker the key marker of an earlier page, or null
   * @param uploadIdMarker the upload id marker of an earlier page, or null
   * @param max at most this many uploads
   * @return the page
   * @throws IOException if the request fails
   */
  UploadListing listUploads(String prefix, String keyMarker, String uploadIdMarker, int max) throws IOException;

  /**
   * One page of an upload's parts.
   *
   * @param key the upload's key
   * @param uploadId the upload
   * @param marker list the parts after this number (0 for the first page)
   * @param max at most this many parts
   * @return the page
   * @throws IOException {@link ObjectStoreException.Kind#NO_SUCH_UPLOAD} if the upload is gone, or another
   *     failure
   */
  PartListing listParts(String key, String uploadId, int marker, int max) throws IOException;

  /**
   * A presigned URL for a GET or HEAD of the object, computed locally (no request).
   *
   * @param key the key
   * @param method GET or HEAD
   * @param expiry how long the URL stays valid
   * @return the URL
   * @throws IOException if it cannot be signed
   */
  URI presign(String key, RedirectMethod method, Duration expiry) throws IOException;

  /** Releases the client's connections and threads. */
  @Override
  void close();
}
