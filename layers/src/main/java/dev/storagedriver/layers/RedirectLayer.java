package dev.storagedriver.layers;

import dev.storagedriver.Capability;
import dev.storagedriver.RedirectMethod;
import dev.storagedriver.StorageDriverException;
import dev.storagedriver.spi.DriverConfig;
import dev.storagedriver.spi.ForwardingBackend;
import dev.storagedriver.spi.StorageBackend;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Rewrites the driver's redirect URLs: {@code scheme} and {@code host} (with an optional {@code :port}) replace
 * the URL's, {@code trimpathprefix} is removed from the start of its path and {@code pathprefix} put in front;
 * the query (a presigned URL's signature) is kept as it is. Docker Distribution's {@code redirect} and {@code
 * rewrite} middleware: send clients to a proxy or an internal endpoint instead of the store's public one.
 */
final class RedirectLayer extends ForwardingBackend {
  private final Optional<String> scheme;
  private final Optional<String> authority;
  private final String trimPathPrefix;
  private final String pathPrefix;

  RedirectLayer(StorageBackend below, DriverConfig config) throws StorageDriverException {
    super(below);
    requireRedirects(below, config);
    scheme = config.getOptionalString("scheme").map(s -> s.toLowerCase(Locale.ROOT));
    if (scheme.isPresent() && !scheme.get().matches("[a-z][a-z0-9+.-]*")) {
      throw config.invalid("scheme", "a URL scheme such as https", null);
    }
    authority = config.getOptionalString("host");
    if (authority.isPresent()) {
      try {
        URI probe = new URI("http://" + authority.get() + "/");
        if (probe.getHost() == null || probe.getRawPath().length() != 1) {
          throw config.invalid("host", "a host name with an optional :port, such as cdn.example.com:8443", null);
        }
      } catch (URISyntaxException e) {
        throw config.invalid("host", "a host name with an optional :port, such as cdn.example.com:8443", e);
      }
    }
    trimPathPrefix = config.getOptionalString("trimpathprefix").orElse("");
    pathPrefix = config.getOptionalString("pathprefix").orElse("");
    for (String key : new String[] {"trimpathprefix", "pathprefix"}) {
      String value = key.equals("pathprefix") ? pathPrefix : trimPathPrefix;
      if (!value.isEmpty() && (!value.startsWith("/") || value.endsWith("/") || !isRawPath(value))) {
        throw config.invalid(key, "a URL path starting with / and not ending with one, percent-encoded as it "
            + "appears in the URL (no space, ? or #), such as /registry", null);
      }
    }
    if (scheme.isEmpty() && authority.isEmpty() && trimPathPrefix.isEmpty() && pathPrefix.isEmpty()) {
      throw config.invalid("host", "at least one of scheme, host, trimpathprefix, pathprefix", null);
    }
  }

  /** Whether {@code value} is a URL path as written in a URL: legal characters only, nothing but the path. */
  private static boolean isRawPath(String value) {
    try {
      URI probe = new URI("http://host" + value);
      return value.equals(probe.getRawPath()) && probe.getRawQuery() == null && probe.getRawFragment() == null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** Layers over redirect URLs need a driver that gives them; say so at start-up, not by silence later. */
  static void requireRedirects(StorageBackend below, DriverConfig config) throws StorageDriverException {
    if (!below.capabilities().contains(Capability.REDIRECT_URL)) {
      throw new dev.storagedriver.InvalidConfigException(config.driverName(), config.fullKey("name"),
          "layer " + config.driverName() + " rewrites redirect URLs, but driver " + below.name()
              + " gives none (it lacks capability REDIRECT_URL)", null);
    }
  }

  @Override
  public Optional<URI> redirectUrl(String path, RedirectMethod method) throws IOException {
    Optional<URI> original = super.redirectUrl(path, method);
    if (original.isEmpty()) {
      return original;
    }
    URI url = original.get();
    String rawPath = url.getRawPath() == null ? "" : url.getRawPath();
    if (!trimPathPrefix.isEmpty() && (rawPath.equals(trimPathPrefix) || rawPath.startsWith(trimPathPrefix + "/"))) {
      rawPath = rawPath.substring(trimPathPrefix.length());
    }
    rawPath = pathPrefix + rawPath;
    StringBuilder rewritten = new StringBuilder()
        .append(scheme.orElse(url.getScheme())).append("://")
        .append(authority.orElse(url.getRawAuthority()))
        .append(rawPath);
    if (url.getRawQuery() != null) {
      rewritten.append('?').append(url.getRawQuery());
    }
    if (url.getRawFragment() != null) {
      rewritten.append('#').append(url.getRawFragment());
    }
    return Optional.of(URI.create(rewritten.toString()));
  }
}
