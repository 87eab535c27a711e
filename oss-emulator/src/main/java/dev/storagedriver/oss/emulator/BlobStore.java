package dev.storagedriver.oss.emulator;

import java.io.IOException;
import java.util.List;

/** Where object and part bytes live: the heap ({@link MemoryBlobStore}) or a directory ({@link DirectoryBlobStore}). */
interface BlobStore extends AutoCloseable {
  /** A writer for a body of {@code expectedLength} bytes, or -1 when unknown (chunked transfer). */
  BlobWriter writer(long expectedLength) throws IOException, OssException;

  /** The concatenation of {@code parts} (CompleteMultipartUpload); the parts stay valid until released. */
  Blob concat(List<Blob> parts) throws IOException, OssException;

  /** A copy of {@code length} bytes of {@code source} from {@code offset} (CopyObject, UploadPartCopy). */
  Blob copy(Blob source, long offset, long length) throws IOException;

  /** {@code base} followed by {@code tail} (AppendObject); may grow the base's storage in place. */
  Blob append(Blob base, Blob tail) throws IOException, OssException;

  @Override
  void close();
}
