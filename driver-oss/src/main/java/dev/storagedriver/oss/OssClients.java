package dev.storagedriver.oss;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.ClientException;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.common.auth.CredentialsProvider;
import com.aliyun.oss.common.auth.CredentialsProviderFactory;
import com.aliyun.oss.common.auth.DefaultCredentialProvider;
import com.aliyun.oss.common.comm.Protocol;
import com.aliyun.oss.common.comm.SignVersion;
import com.aliyun.oss.model.ListObjectsV2Request;
import dev.storagedriver.DriverException;
import dev.storagedriver.ErrorCode;
import dev.storagedriver.InvalidConfigException;
import dev.storagedriver.StorageDriverException;
import dev.storagedriver.spi.DriverConfig;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Builds the SDK client from the configuration, finds credentials, and checks the bucket is reachable. */
final class OssClients {
  private static final Set<String> CREDENTIAL_ERRORS = Set.of("InvalidAccessKeyId", "SignatureDoesNotMatch",
      "SecurityTokenExpired", "InvalidSecurityToken", "RequestTimeTooSkewed");

  private OssClients() {}

  static OSS build(OssConfig config, DriverConfig raw, Map<String, String> env) throws InvalidConfigException {
    ClientBuilderConfiguration conf = new ClientBuilderConfiguration();
    conf.setSignatureVersion(config.signatureVersion == OssConfig.SignatureVersion.V4 ? SignVersion.V4
        : SignVersion.V1);
    conf.setConnectionTimeout((int) Math.min(Integer.MAX_VALUE, config.connectTimeout.toMillis()));
    conf.setSocketTimeout((int) Math.min(Integer.MAX_VALUE, config.socketTimeout.toMillis()));
    conf.setMaxConnections(config.maxConnections);
    // The shared backend retries (it knows which requests are idempotent and resumes broken reads): the SDK's own
    // retries would square the attempts, so they are off.
    conf.setMaxErrorRetry(0);
    conf.setProtocol(config.endpoint.startsWith("https://") ? Protocol.HTTPS : Protocol.HTTP);
    conf.setCrcCheckEnabled(true);
    OSSClientBuilder.OSSClientBuilderImpl builder = OSSClientBuilder.create()
        .endpoint(config.endpoint)
        .credentialsProvider(credentials(config, raw, env))
        .clientConfiguration(conf);
    config.region.ifPresent(r -> builder.region(r.startsWith("oss-") ? r.substring(4) : r));
    return builder.build();
  }

  /**
   * Credentials from the configuration, else the standard places, in order: {@code OSS_ACCESS_KEY_ID} /
   * {@code OSS_ACCESS_KEY_SECRET} / {@code OSS_SESSION_TOKEN}; {@code ALIBABA_CLOUD_ACCESS_KEY_ID} / {@code
   * ALIBABA_CLOUD_ACCESS_KEY_SECRET} / {@code ALIBABA_CLOUD_SECURITY_TOKEN}; the system properties {@code
   * oss.accessKeyId} / {@code oss.accessKeySecret} / {@code oss.sessionToken}; the ECS instance RAM role named by
   * {@code ALIBABA_CLOUD_ECS_METADATA}.
   */
  static CredentialsProvider credentials(OssConfig config, DriverConfig raw, Map<String, String> env)
      throws InvalidConfigException {
    if (config.accessKeyId.isPresent()) {
      return new DefaultCredentialProvider(config.accessKeyId.get(), config.accessKeySecret.get(),
          config.securityToken.orElse(null));
    }
    Optional<CredentialsProvider> found = pair(env.get("OSS_ACCESS_KEY_ID"), env.get("OSS_ACCESS_KEY_SECRET"),
        env.get("OSS_SESSION_TOKEN"))
        .or(() -> pair(env.get("ALIBABA_CLOUD_ACCESS_KEY_ID"), env.get("ALIBABA_CLOUD_ACCESS_KEY_SECRET"),
            env.get("ALIBABA_CLOUD_SECURITY_TOKEN")))
        .or(() -> pair(System.getProperty("oss.accessKeyId"), System.getProperty("oss.accessKeySecret"),
            System.getProperty("oss.sessionToken")));
    if (found.isPresent()) {
      return found.get();
    }
    String role = env.get("ALIBABA_CLOUD_ECS_METADATA");
    if (role != null && !role.isBlank()) {
      try {
        return CredentialsProviderFactory.newInstanceProfileCredentialsProvider(role.trim());
      } catch (com.aliyuncs.exceptions.ClientException e) {
        throw new InvalidConfigException(OssErrors.DRIVER, raw.fullKey("accesskeyid"),
            "not set, and the ECS RAM role named by ALIBABA_CLOUD_ECS_METADATA could not be used", OssErrors.safe(e));
      }
    }
    throw new InvalidConfigException(OssErrors.DRIVER, raw.fullKey("accesskeyid"),
        "not set, and no credentials were found in OSS_ACCESS_KEY_ID/OSS_ACCESS_KEY_SECRET,"
            + " ALIBABA_CLOUD_ACCESS_KEY_ID/ALIBABA_CLOUD_ACCESS_KEY_SECRET, the oss.accessKeyId system"
            + " properties or an ECS RAM role (ALIBABA_CLOUD_ECS_METADATA)", null);
  }

  private static Optional<CredentialsProvider> pair(String id, String secret, String token) {
    if (id == null || id.isBlank() || secret == null || secret.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(new DefaultCredentialProvider(id.trim(), secret.trim(),
        token == null || token.isBlank() ? null : token.trim()));
  }

  /**
   * Lists one key of the bucket, so a wrong credential, endpoint or bucket fails at start-up with an error that
   * names the parameter at fault and the likely fix.
   */
  static void checkBucket(OSS client, OssConfig config, DriverConfig raw) throws StorageDriverException {
    for (int attempt = 0; ; attempt++) {
      try {
        ListObjectsV2Request request = new ListObjectsV2Request(config.bucket);
        request.setMaxKeys(1);
        request.setPrefix(config.rootPrefix);
        request.setLogEnabled(config.sdkLogging);
        client.listObjectsV2(request);
        return;
      } catch (OSSException e) {
        // An answer the SDK cannot parse: once may be a body cut short, every time means the server is not OSS.
        // A 5xx or throttling may pass too (the SDK's own retries are off).
        if (attempt < config.maxRetries && (OssErrors.INVALID_RESPONSE.equals(e.getErrorCode())
            || OssErrors.classify("check bucket", e).retryable())) {
          pause(attempt);
          continue;
        }
        throw refused(e, config, raw);
      } catch (ClientException e) {
        if (attempt < config.maxRetries && OssErrors.isNetwork(e) && !OssErrors.isTls(e)
            && !OssErrors.describeNetwork(e).equals("unknown host")) {
          pause(attempt);
          continue;
        }
        throw unreachable(e, config, raw);
      }
    }
  }

  private static void pause(int attempt) throws StorageDriverException {
    try {
      Thread.sleep(Math.min(2000, 100L << attempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DriverException(OssErrors.DRIVER, null, ErrorCode.UNAVAILABLE, "check bucket: interrupted", null);
    }
  }

  private static StorageDriverException refused(OSSException e, OssConfig config, DriverConfig raw) {
    String code = String.valueOf(e.getErrorCode());
    if (CREDENTIAL_ERRORS.contains(code)) {
      return new InvalidConfigException(OssErrors.DRIVER, raw.fullKey("accesskeyid"),
          "the credentials were refused (OSS error " + code + "); check accesskeyid, accesskeysecret and"
              + " securitytoken" + (code.equals("SignatureDoesNotMatch") ? " (and region for signature V4)"
              : ""), null);
    }
    if (code.equals("NoSuchBucket") || code.equals("InvalidBucketName")) {
      return new InvalidConfigException(OssErrors.DRIVER, raw.fullKey("bucket"),
          "bucket " + config.bucket + " does not exist at " + config.endpoint + " (OSS error " + code + ")", null);
    }
    if (code.equals("AccessDenied")) {
      return new InvalidConfigException(OssErrors.DRIVER, raw.fullKey("bucket"),
          "access to bucket " + config.bucket + " was denied (OSS error AccessDenied): the credentials lack"
              + " permission to list it, or the bucket belongs to another account or region", null);
    }
    if (code.equals(OssErrors.INVALID_RESPONSE) || e.getRequestId() == null) {
      // OSS answers every request with an x-oss-request-id and errors with an XML document; this server did not.
      return new InvalidConfigException(OssErrors.DRIVER, raw.fullKey("endpoint"),
          "the server at " + config.endpoint + " did not answer like OSS (" + code + ", no OSS request id): check"
              + " that endpoint names an OSS endpoint (e.g. https://oss-" + config.region.orElse("cn-hangzhou")
              + ".aliyuncs.com) and not another web server, and that its port is right", null);
    }
    return OssErrors.translate("check bucket " + config.bucket, e);
  }

  private static StorageDriverException unreachable(ClientException e, OssConfig config, DriverConfig raw) {
    String hint;
    if (OssErrors.isTls(e)) {
      hint = config.endpoint.startsWith("https://")
          ? "; the server does not speak TLS: if it serves plain HTTP, write the endpoint as http://"
              + config.endpoint.substring("https://".length()) + " (an endpoint without a scheme uses https unless "
              + raw.fullKey("secure") + " = false)"
          : "";
    } else if (OssErrors.isNetwork(e)) {
      hint = "; check the host name and port" + (config.endpoint.startsWith("http://")
          ? ", and whether the server wants https://" : "");
    } else {
      return OssErrors.translate("check bucket " + config.bucket + " at " + config.endpoint, e);
    }
    // Retryable, not a configuration error: the endpoint may be right and the network down for now.
    return new DriverException(OssErrors.DRIVER, null, ErrorCode.UNAVAILABLE, "cannot reach " + config.endpoint
        + " (check " + raw.fullKey("endpoint") + "): " + OssErrors.describeNetwork(e) + hint, OssErrors.safe(e));
  }
}
