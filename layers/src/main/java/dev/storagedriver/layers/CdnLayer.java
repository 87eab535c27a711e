package dev.storagedriver.layers;

import dev.storagedriver.RedirectMethod;
import dev.storagedriver.StorageDriverException;
import dev.storagedriver.spi.DriverConfig;
import dev.storagedriver.spi.ForwardingBackend;
import dev.storagedriver.spi.StorageBackend;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Sends clients to Alibaba Cloud CDN instead of the store: the driver's redirect URL (an OSS presigned URL, say)
 * becomes {@code <scheme>://<host><path>?auth_key=<timestamp>-<rand>-<uid>-<md5hash>}, CDN URL authentication type
 * A. {@code timestamp} is now plus {@code expiry}, in Unix seconds (the CDN adds its own configured validity to it;
 * {@code expiry = 0} leaves that alone, a longer one extends it, as Docker Distribution's {@code alicdn} did), {@code
 * rand} a random UUID without hyphens, {@code uid} the configured user id (CDN wants 0), and {@code md5hash} the
 * lower-case hex MD5 of {@code <path>-<timestamp>-<rand>-<uid>-<privatekey>}. The path is the driver's URL path
 * (the object key the CDN's origin serves); its query, the store's own signature, is dropped. Docker
 * Distribution's {@code alicdn} middleware.
 */
final class CdnLayer extends ForwardingBackend {
  private final String scheme;
  private final String host;
  private final String privateKey;
  private final Duration expiry;
  private final String uid;
  private final Clock clock;
  private final Supplier<String> rand;

  CdnLayer(StorageBackend below, DriverConfig config) throws StorageDriverException {
    this(below, config, Clock.systemUTC(), () -> UUID.randomUUID().toString().replace("-", ""));
  }

  CdnLayer(StorageBackend below, DriverConfig config, Clock clock, Supplier<String> rand)
      throws StorageDriverException {
    super(below);
    RedirectLayer.requireRedirects(below, config);
    this.scheme = config.getOptionalString("scheme").orElse("https");
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw config.invalid("scheme", "http or https", null);
    }
    this.host = config.getString("host");
    try {
      URI probe = new URI(scheme + "://" + host + "/");
      if (probe.getHost() == null || probe.getRawPath().length() != 1) {
        throw config.invalid("host", "the CDN's accelerated domain, such as cdn.example.com", null);
      }
    } catch (URISyntaxException e) {
      throw config.invalid("host", "the CDN's accelerated domain, such as cdn.example.com", e);
    }
    this.privateKey = config.getOptionalSecret("privatekey")
        .orElseThrow(() -> config.missing("privatekey", "the CDN's URL authentication key (a secret)"));
    this.expiry = config.getDuration("expiry", Duration.ofMinutes(20), Duration.ZERO);
    this.uid = config.getOptionalString("uid").orElse("0");
    // It goes into the URL's query unescaped and is split on hyphens by the CDN: letters and digits only.
    if (!uid.matches("[A-Za-z0-9]+")) {
      throw config.invalid("uid", "a user id of letters and digits (CDN wants 0)", null);
    }
    this.clock = clock;
    this.rand = rand;
  }

  @Override
  public Optional<URI> redirectUrl(String path, RedirectMethod method) throws IOException {
    Optional<URI> original = super.redirectUrl(path, method);
    if (original.isEmpty()) {
      return original;
    }
    String uri = original.get().getRawPath();
    long timestamp = clock.instant().plus(expiry).getEpochSecond();
    String random = rand.get();
    String hash = md5Hex(uri + "-" + timestamp + "-" + random + "-" + uid + "-" + privateKey);
    return Optional.of(URI.create(scheme + "://" + host + uri + "?auth_key=" + timestamp + "-" + random + "-" + uid
        + "-" + hash));
  }

  static String md5Hex(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has MD5", e);
    }
  }

  @Override
  public String toString() {
    return "CdnLayer[" + host + ", key not shown]";
  }
}
