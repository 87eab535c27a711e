/**
 * The {@code oss} driver: Alibaba Cloud OSS through the official {@code aliyun-sdk-oss} client. Applications open
 * it by name through {@link dev.storagedriver.StorageDrivers}; this module provides its factory to {@link
 * java.util.ServiceLoader}.
 *
 * <p>The SDK is not a module and declares no module name: it is required under the names the module system
 * derives from its artifacts, {@code aliyun.sdk.oss} and {@code aliyun.java.sdk.core}. Being automatic modules,
 * they read every module but cannot add one to the graph: the SDK's dependencies that are explicit modules
 * (commons-codec for signing, gson and JAXB for the responses it parses) are required here on its behalf, so an
 * application on the module path needs no {@code --add-modules}.
 */
module dev.storagedriver.oss {
  requires transitive dev.storagedriver;
  requires dev.storagedriver.objectstore;
  requires aliyun.sdk.oss;
  requires aliyun.java.sdk.core;
  requires org.apache.commons.codec;
  requires com.google.gson;
  requires java.xml.bind;
  requires static com.google.auto.service;

  exports dev.storagedriver.oss;

  provides dev.storagedriver.spi.StorageDriverFactory with dev.storagedriver.oss.OssDriverFactory;
}
