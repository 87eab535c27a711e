/**
 * The Alibaba Cloud OSS storage driver on the official {@code aliyun-sdk-oss} client. Users select it by name
 * ({@code storagedriver.driver = oss}) through {@link dev.storagedriver.StorageDriverRegistry}; the only public
 * type is {@link dev.storagedriver.oss.OssDriverFactory}. Every other class is package-private and has one role:
 * configuration, client construction, the backend, reader, writer, walker, deleter and copier.
 */
package dev.storagedriver.oss;
