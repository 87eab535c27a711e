package dev.storagedriver.oss;

import com.aliyun.oss.model.DeleteObjectsRequest;
import com.aliyun.oss.model.DeleteObjectsResult;
import com.aliyun.oss.model.ListObjectsV2Request;
import com.aliyun.oss.model.ListObjectsV2Result;
import com.aliyun.oss.model.OSSObjectSummary;
import dev.storagedriver.AggregateDriverException;
import dev.storagedriver.DriverException;
import dev.storagedriver.ErrorCode;
import dev.storagedriver.StorageDriverException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Recursive delete: the key itself and every key below {@code key + "/"} (never a key that merely shares the
 * prefix), with DeleteMultipleObjects in batches of at most 1000, one per listing page. Keys the server does
 * not report as deleted, and batches that fail, are collected and reported together. Directory markers go with
 * their directory; keys below it that name no valid path (written by other tools) are left in place and
 * reported as a {@code CONFLICT}: list and walk cannot show them, so delete does not remove them unseen.
 */
final class OssDeleter {
  private final OssBackend backend;

  OssDeleter(OssBackend backend) {
    this.backend = backend;
  }

  void delete(String path) throws IOException {
    String key = backend.key(path);
    List<StorageDriverException> failures = new ArrayList<>();
    List<String> foreign = new ArrayList<>();
    boolean found = false;
    // The key itself rides along in the first batch with room: deleting an absent key is no error, so a
    // directory costs no HEAD. Only when nothing lies below does a HEAD tell a file from nothing.
    boolean keyPending = true;
    String token = null;
    do {
      ListObjectsV2Request request = new ListObjectsV2Request(backend.bucket, key + "/");
      request.setMaxKeys(OssBackend.PAGE);
      request.setContinuationToken(token);
      ListObjectsV2Result page = backend.listPage(request, "delete", path);
      List<String> keys = new ArrayList<>();
      for (OSSObjectSummary s : page.getObjectSummaries()) {
        found = true;
        OssKeys.Kind kind = backend.keys.classify(s.getKey()).kind();
        if (kind == OssKeys.Kind.FILE || kind == OssKeys.Kind.MARKER) {
          keys.add(s.getKey());
        } else {
          foreign.add(s.getKey());
        }
      }
      token = page.isTruncated() ? page.getNextContinuationToken() : null;
      if (keyPending && !keys.isEmpty() && keys.size() < OssBackend.PAGE) {
        keys.add(key);
        keyPending = false;
      }
      if (!keys.isEmpty()) {
        deleteBatch(path, keys, failures);
      }
    } while (token != null);
    if (keyPending) {
      if (found || backend.head(key, path).isPresent()) {
        deleteBatch(path, List.of(key), failures);
      } else {
        throw new NoSuchFileException(path);
      }
    }
    if (!foreign.isEmpty()) {
      failures.add(backend.foreignKeys("delete", path, foreign));
    }
    if (failures.size() == 1) {
      throw failures.get(0);
    }
    if (!failures.isEmpty()) {
      throw new AggregateDriverException(OssErrors.DRIVER, path, failures);
    }
  }

  /**
   * One DeleteMultipleObjects request (not retried by the SDK: it is a POST; deleting is idempotent, so it is
   * retried here on retryable failures).
   */
  private void deleteBatch(String path, List<String> keys, List<StorageDriverException> failures) {
    DeleteObjectsResult result;
    try {
      result = Retry.idempotentPost(backend.config.maxRetries, "delete", path, () -> {
        DeleteObjectsRequest request = backend.quiet(new DeleteObjectsRequest(backend.bucket));
        request.setKeys(keys);
        request.setQuiet(false);
        return backend.client.deleteObjects(request);
      });
    } catch (StorageDriverException e) {
      failures.add(e);
      return;
    } catch (IOException e) {
      failures.add(new DriverException(OssErrors.DRIVER, path, ErrorCode.UNKNOWN,
          "delete " + path + ": a batch of " + keys.size() + " keys failed", OssErrors.safe(e)));
      return;
    }
    Set<String> deleted = new HashSet<>(result.getDeletedObjects());
    for (String k : keys) {
      if (!deleted.contains(k)) {
        String p = backend.keys.pathOf(k);
        failures.add(new DriverException(OssErrors.DRIVER, p == null ? path : p, ErrorCode.UNKNOWN,
            "delete " + (p == null ? k : p) + ": the server did not report the key as deleted", null));
      }
    }
  }
}
