package dev.storagedriver.s3;

import com.google.auto.service.AutoService;
import dev.storagedriver.StorageDriverException;
import dev.storagedriver.objectstore.ObjectStoreBackend;
import dev.storagedriver.spi.DriverConfig;
import dev.storagedriver.spi.StorageBackend;
import dev.storagedriver.spi.StorageDriverFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.LegacyMd5Plugin;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.utils.AttributeMap;

/**
 * The Amazon S3 (and S3-compatible) driver, registered as {@code s3}. Parameters are those of Docker
 * Distribution's S3 driver ({@code region}, {@code regionendpoint}, {@code bucket}, {@code accesskey}, …) plus
 * what compatible stores need; {@code reference.conf} lists them all with their defaults and the module's README
 * explains each. Without {@code accesskey} the SDK's default credentials chain is used (environment, profile, web
 * identity, container, instance). Creating the driver sends no request.
 */
@AutoService(StorageDriverFactory.class)
public final class S3DriverFactory implements StorageDriverFactory {
  /** The name to select the driver by: {@value}. */
  public static final String NAME = "s3";

  /** For {@link java.util.ServiceLoader}. */
  public S3DriverFactory() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public StorageBackend create(DriverConfig config) throws StorageDriverException {
    S3Config parsed = S3Config.parse(config);
    AwsCredentialsProvider credentials = credentials(parsed);
    SdkHttpClient http = Apache5HttpClient.builder()
        .maxConnections(parsed.maxConnections)
        .connectionTimeout(parsed.connectTimeout)
        .socketTimeout(parsed.socketTimeout)
        .buildWithDefaults(parsed.skipVerify
            ? AttributeMap.builder().put(SdkHttpConfigurationOption.TRUST_ALL_CERTIFICATES, Boolean.TRUE).build()
            : AttributeMap.empty());
    boolean whenRequired = parsed.checksum == S3Config.ChecksumMode.WHEN_REQUIRED;
    S3ClientBuilder builder = S3Client.builder()
        .httpClient(http)
        .region(Region.of(parsed.region))
        .credentialsProvider(credentials)
        .forcePathStyle(parsed.forcePathStyle)
        .dualstackEnabled(parsed.useDualStack)
        .accelerate(parsed.accelerate)
        .requestChecksumCalculation(whenRequired ? RequestChecksumCalculation.WHEN_REQUIRED
            : RequestChecksumCalculation.WHEN_SUPPORTED)
        .responseChecksumValidation(whenRequired ? ResponseChecksumValidation.WHEN_REQUIRED
            : ResponseChecksumValidation.WHEN_SUPPORTED)
        // Retries are the shared layer's: it knows which requests are idempotent and resumes broken reads.
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
    if (whenRequired) {
      // Stores that predate S3's CRC checksums want Content-MD5 where S3 requires a checksum (DeleteObjects).
      builder.addPlugin(LegacyMd5Plugin.create());
    }
    parsed.regionEndpoint.ifPresent(builder::endpointOverride);
    S3Presigner.Builder presigner = S3Presigner.builder()
        .region(Region.of(parsed.region))
        .credentialsProvider(credentials)
        .serviceConfiguration(S3Configuration.builder()
            .pathStyleAccessEnabled(parsed.forcePathStyle)
            .accelerateModeEnabled(parsed.accelerate)
            .dualstackEnabled(parsed.useDualStack)
            .build());
    parsed.regionEndpoint.ifPresent(presigner::endpointOverride);
    S3Client client = builder.build();
    return new ObjectStoreBackend(new S3Store(client, presigner.build(), parsed), parsed.settings());
  }

  private static AwsCredentialsProvider credentials(S3Config config) {
    if (config.accessKey.isEmpty()) {
      return DefaultCredentialsProvider.builder().build();
    }
    String id = config.accessKey.get();
    String secret = config.secretKey.orElseThrow();
    return StaticCredentialsProvider.create(config.sessionToken
        .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(t -> AwsSessionCredentials.create(id, secret, t))
        .orElseGet(() -> AwsBasicCredentials.create(id, secret)));
  }
}
