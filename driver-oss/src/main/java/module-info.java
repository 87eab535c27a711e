/**
 * The {@code oss} driver: Alibaba Cloud OSS through the official {@code aliyun-sdk-oss} client. Applications open
 * it by name through {@link dev.storagedriver.StorageDrivers}; this module provides its factory to {@link
 * java.util.ServiceLoader}.
 *
 * <p>The SDK is not a module and declares no module name: it is required under the names the module system
 * derives from its artifacts, {@code aliyun.sdk.oss} and {@code aliyun.java.sdk.core}.
 */
module dev.storagedriver.oss {
  requires transitive dev.storagedriver;
  requires aliyun.sdk.oss;
  requires aliyun.java.sdk.core;
  requires org.slf4j;
  requires static com.google.auto.service;

  exports dev.storagedriver.oss;

  provides dev.storagedriver.spi.StorageDriverFactory with dev.storagedriver.oss.OssDriverFactory;
}
