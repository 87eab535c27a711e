/**
 * The {@code s3} driver: Amazon S3 and S3-compatible stores on AWS SDK for Java v2. The SDK's requests are all it
 * supplies ({@code S3Store}); everything beyond single requests is {@link
 * dev.storagedriver.objectstore.ObjectStoreBackend}'s.
 */
package dev.storagedriver.s3;
