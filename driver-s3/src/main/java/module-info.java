/**
 * The {@code s3} driver: Amazon S3 and S3-compatible stores through the AWS SDK for Java v2. Applications open it
 * by name through {@link dev.storagedriver.StorageDrivers}; this module provides its factory to {@link
 * java.util.ServiceLoader}. The SDK's jars are automatic modules, required under the names their manifests give.
 */
module dev.storagedriver.s3 {
  requires transitive dev.storagedriver;
  requires dev.storagedriver.objectstore;
  requires software.amazon.awssdk.services.s3;
  requires software.amazon.awssdk.core;
  requires software.amazon.awssdk.awscore;
  requires software.amazon.awssdk.auth;
  requires software.amazon.awssdk.regions;
  requires software.amazon.awssdk.http;
  requires software.amazon.awssdk.http.apache5;
  requires software.amazon.awssdk.utils;
  requires software.amazon.awssdk.retries.api;
  requires static com.google.auto.service;

  exports dev.storagedriver.s3;

  provides dev.storagedriver.spi.StorageDriverFactory with dev.storagedriver.s3.S3DriverFactory;
}
