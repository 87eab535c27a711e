package dev.storagedriver.oss.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.common.comm.SignVersion;
import com.aliyun.oss.model.AppendObjectRequest;
import com.aliyun.oss.model.CompleteMultipartUploadRequest;
import com.aliyun.oss.model.GetObjectRequest;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.OSSObject;
import com.aliyun.oss.model.PartETag;
import com.aliyun.oss.model.UploadPartRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Directory storage end to end, and concurrency safety in both storage modes. */
class StorageModesTest {
  @TempDir
  Path dir;

  static byte[] bytes(int n, int seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  static byte[] read(OSS c, GetObjectRequest r) throws Exception {
    try (OSSObject o = c.getObject(r)) {
      return o.getObjectContent().readAllBytes();
    }
  }

  static long files(Path p) throws Exception {
    try (Stream<Path> s = Files.list(p)) {
      return s.count();
    }
  }

  @Test
  void directoryStorage_servesEveryWritePathAndCleansUp() throws Exception {
    try (OssEmulator oss = OssEmulator.builder().bucket("bkt").dataDirectory(dir).build().start()) {
      OSS c = Clients.client(oss, SignVersion.V1);
      try {
        byte[] big = bytes(3 << 20, 1);
        c.putObject("bkt", "big", new ByteArrayInputStream(big));
        GetObjectRequest range = new GetObjectRequest("bkt", "big");
        range.setRange(1 << 20, (2 << 20) - 1);
        assertThat(read(c, range)).isEqualTo(Arrays.copyOfRange(big, 1 << 20, 2 << 20));
        assertThat(read(c, new GetObjectRequest("bkt", "big"))).isEqualTo(big);

        String id = c.initiateMultipartUpload(new InitiateMultipartUploadRequest("bkt", "mp")).getUploadId();
        byte[] p1 = bytes(200 * 1024, 2);
        byte[] p2 = bytes(1000, 3);
        List<PartETag> etags = new ArrayList<>();
        etags.add(c.uploadPart(new UploadPartRequest("bkt", "mp", id, 1, new ByteArrayInputStream(p1), p1.length))
            .getPartETag());
        etags.add(c.uploadPart(new UploadPartRequest("bkt", "mp", id, 2, new ByteArrayInputStream(p2), p2.length))
            .getPartETag());
        c.completeMultipartUpload(new CompleteMultipartUploadRequest("bkt", "mp", id, etags));
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        joined.write(p1);
        joined.write(p2);
        assertThat(read(c, new GetObjectRequest("bkt", "mp"))).isEqualTo(joined.toByteArray());

        c.appendObject(new AppendObjectRequest("bkt", "log", new ByteArrayInputStream(p2)).withPosition(0L));
        c.appendObject(new AppendObjectRequest("bkt", "log", new ByteArrayInputStream(p2)).withPosition(1000L));
        assertThat(read(c, new GetObjectRequest("bkt", "log"))).hasSize(2000);

        c.copyObject("bkt", "big", "bkt", "copy");
        assertThat(read(c, new GetObjectRequest("bkt", "copy"))).isEqualTo(big);

        assertThat(files(dir.resolve("blobs"))).isEqualTo(4); // big, mp, log, copy: parts were freed
        for (String k : List.of("big", "mp", "log", "copy")) {
          c.deleteObject("bkt", k);
        }
        assertThat(files(dir.resolve("blobs"))).isZero();
        assertThat(files(dir.resolve("tmp"))).isZero();
      } finally {
        c.shutdown();
      }
    }
  }

  @Test
  void directoryStorage_keepsBucketsAndObjectsAcrossRestart() throws Exception {
    byte[] data = bytes(1000, 7);
    try (OssEmulator oss = OssEmulator.builder().dataDirectory(dir).build().start()) {
      OSS c = Clients.client(oss, SignVersion.V1);
      try {
        c.createBucket("kept");
        com.aliyun.oss.model.ObjectMetadata m = new com.aliyun.oss.model.ObjectMetadata();
        m.addUserMetadata("color", "red");
        m.setContentType("text/plain");
        c.putObject("kept", "dir/a b.txt", new ByteArrayInputStream(data), m);
        c.appendObject(new AppendObjectRequest("kept", "log", new ByteArrayInputStream(data)).withPosition(0L));
        String id = c.initiateMultipartUpload(new InitiateMultipartUploadRequest("kept", "mp")).getUploadId();
        c.uploadPart(new UploadPartRequest("kept", "mp", id, 1, new ByteArrayInputStream(data), data.length));
      } finally {
        c.shutdown();
      }
    }
    try (OssEmulator oss = OssEmulator.builder().dataDirectory(dir).build().start()) {
      OSS c = Clients.client(oss, SignVersion.V4);
      try {
        assertThat(read(c, new GetObjectRequest("kept", "dir/a b.txt"))).isEqualTo(data);
        com.aliyun.oss.model.ObjectMetadata m = c.getObjectMetadata("kept", "dir/a b.txt");
        assertThat(m.getUserMetadata()).containsEntry("color", "red");
        assertThat(m.getContentType()).isEqualTo("text/plain");
        assertThat(m.getServerCRC()).isEqualTo(Crc64.of(data));
        c.appendObject(new AppendObjectRequest("kept", "log", new ByteArrayInputStream(data)).withPosition(1000L));
        assertThat(read(c, new GetObjectRequest("kept", "log"))).hasSize(2000);
        assertThat(oss.inProgressUploads()).isEmpty();
        assertThat(files(dir.resolve("blobs"))).isEqualTo(2); // the orphaned part was removed
      } finally {
        c.shutdown();
      }
    }
  }

  @Test
  void directoryStorage_keepsBucketSettingsAcrossRestart() throws Exception {
    try (OssEmulator oss = OssEmulator.builder().dataDirectory(dir).build().start()) {
      OSS c = Clients.client(oss, SignVersion.V1);
      try {
        c.createBucket(new com.aliyun.oss.model.CreateBucketRequest("archive")
            .withStorageType(com.aliyun.oss.model.StorageClass.Archive)
            .withDataRedundancyType(com.aliyun.oss.model.DataRedundancyType.ZRS));
        c.putObject("archive", "k", new ByteArrayInputStream(bytes(10, 1)));
      } finally {
        c.shutdown();
      }
    }
    try (OssEmulator oss = OssEmulator.builder().dataDirectory(dir).build().start()) {
      OSS c = Clients.client(oss, SignVersion.V1);
      try {
        com.aliyun.oss.model.BucketInfo info = c.getBucketInfo("archive");
        assertThat(info.getBucket().getStorageClass()).isEqualTo(com.aliyun.oss.model.StorageClass.Archive);
        assertThat(info.getDataRedundancyType()).isEqualTo(com.aliyun.oss.model.DataRedundancyType.ZRS);
        assertThat(read(c, new GetObjectRequest("archive", "k"))).isEqualTo(bytes(10, 1));
        c.deleteObject("archive", "k");
        c.deleteBucket("archive");
        assertThat(c.doesBucketExist("archive")).isFalse();
      } finally {
        c.shutdown();
      }
    }
  }

  @Test
  void concurrentPartUploads_inMemory_completeCorrectly() throws Exception {
    concurrentPartUploads(OssEmulator.builder().bucket("bkt"));
  }

  @Test
  void concurrentPartUploads_inDirectory_completeCorrectly() throws Exception {
    concurrentPartUploads(OssEmulator.builder().bucket("bkt").dataDirectory(dir));
  }

  void concurrentPartUploads(OssEmulator.Builder b) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (OssEmulator oss = b.build().start()) {
      OSS c = Clients.client(oss, SignVersion.V4);
      try {
        String id = c.initiateMultipartUpload(new InitiateMultipartUploadRequest("bkt", "mp")).getUploadId();
        int parts = 16;
        List<Future<PartETag>> futures = new ArrayList<>();
        for (int n = 1; n <= parts; n++) {
          int part = n;
          futures.add(pool.submit(() -> c.uploadPart(new UploadPartRequest("bkt", "mp", id, part,
              new ByteArrayInputStream(bytes(100 * 1024, part)), 100 * 1024)).getPartETag()));
        }
        // readers and deleters of other keys run alongside
        List<Future<?>> noise = new ArrayList<>();
        byte[] small = bytes(5000, 99);
        for (int i = 0; i < 8; i++) {
          int n = i;
          noise.add(pool.submit(() -> {
            c.putObject("bkt", "n" + n, new ByteArrayInputStream(small));
            assertThat(read(c, new GetObjectRequest("bkt", "n" + n))).isEqualTo(small);
            c.deleteObject("bkt", "n" + n);
            return null;
          }));
        }
        List<PartETag> etags = new ArrayList<>();
        for (Future<PartETag> f : futures) {
          etags.add(f.get());
        }
        for (Future<?> f : noise) {
          f.get();
        }
        c.completeMultipartUpload(new CompleteMultipartUploadRequest("bkt", "mp", id, etags));
        byte[] got = read(c, new GetObjectRequest("bkt", "mp"));
        assertThat(got).hasSize(parts * 100 * 1024);
        for (int n = 1; n <= parts; n++) {
          assertThat(Arrays.copyOfRange(got, (n - 1) * 100 * 1024, n * 100 * 1024)).isEqualTo(bytes(100 * 1024, n));
        }
        assertThat(oss.inProgressUploads()).isEmpty();
      } finally {
        c.shutdown();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void overwriteWhileReading_readersSeeOneWholeVersion() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (OssEmulator oss = OssEmulator.builder().bucket("bkt").dataDirectory(dir).build().start()) {
      OSS c = Clients.client(oss, SignVersion.V1);
      try {
        byte[] a = bytes(256 * 1024, 1);
        byte[] b = bytes(256 * 1024, 2);
        c.putObject("bkt", "k", new ByteArrayInputStream(a));
        Future<?> writer = pool.submit(() -> {
          for (int i = 0; i < 20; i++) {
            c.putObject("bkt", "k", new ByteArrayInputStream(i % 2 == 0 ? b : a));
          }
          return null;
        });
        for (int i = 0; i < 20; i++) {
          byte[] got = read(c, new GetObjectRequest("bkt", "k"));
          assertThat(Arrays.equals(got, a) || Arrays.equals(got, b)).isTrue();
        }
        writer.get();
      } finally {
        c.shutdown();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
