package dev.storagedriver.benchmarks;

import java.net.URI;
import java.util.List;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * S3Proxy on jclouds' in-memory ({@code transient}) store on 127.0.0.1: the one S3 server the S3 driver, the raw
 * AWS SDK and OpenDAL's s3 service are measured against in a run. Data sets are stored in the blob store
 * directly, without requests.
 */
final class S3ProxyServer implements AutoCloseable {
  private final BlobStoreContext context;
  private final S3Proxy proxy;
  private final String bucket;
  private final URI endpoint;

  private S3ProxyServer(BlobStoreContext context, S3Proxy proxy, String bucket) {
    this.context = context;
    this.proxy = proxy;
    this.bucket = bucket;
    this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  static S3ProxyServer start(String bucket, String accessKey, String secretKey) throws Exception {
    BlobStoreContext context = ContextBuilder.newBuilder("transient").credentials("identity", "credential")
        .build(BlobStoreContext.class);
    context.getBlobStore().createContainerInLocation(null, bucket);
    S3Proxy proxy = S3Proxy.builder()
        .blobStore(context.getBlobStore())
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
        // the SDK's x-amz-checksum-crc32 on DeleteObjects is "Unknown header" to S3Proxy 2.7.0
        .ignoreUnknownHeaders(true)
        .build();
    proxy.start();
    while (!AbstractLifeCycle.STARTED.equals(proxy.getState())) {
      Thread.sleep(10);
    }
    return new S3ProxyServer(context, proxy, bucket);
  }

  URI endpoint() {
    return endpoint;
  }

  /** Stores the objects directly in the blob store (setup only, never measured). */
  void putDirect(List<String> keys, byte[] data) {
    BlobStore store = context.getBlobStore();
    for (String k : keys) {
      store.putBlob(bucket, store.blobBuilder(k.substring(1)).payload(data).contentLength(data.length).build());
    }
  }

  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      context.close();
    }
  }
}
