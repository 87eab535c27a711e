package dev.storagedriver.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.storagedriver.Capability;
import dev.storagedriver.RedirectMethod;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code redirectUrl}: a URL a plain HTTP client fetches ({@link Capability#REDIRECT_URL}). */
public interface RedirectContract extends DriverContract {

  private void requireRedirect() {
    assumeTrue(driver().capabilities().contains(Capability.REDIRECT_URL),
        "driver does not declare REDIRECT_URL; return fetchable URLs from redirectUrl and declare it to run this "
            + "test");
  }

  private static HttpClient http() {
    return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  /**
   * A driver that does not declare {@code REDIRECT_URL} returns no URL.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void redirectUrl_withoutCapability_isEmpty() throws Exception {
    assumeFalse(driver().capabilities().contains(Capability.REDIRECT_URL),
        "driver declares REDIRECT_URL; the fetch tests cover it");
    driver().putContent("/redirect", new byte[] {1});
    assertThat(driver().redirectUrl("/redirect", RedirectMethod.GET)).isEmpty();
    driver().delete("/redirect");
  }

  /**
   * A GET of the redirect URL, with a plain HTTP client, returns the file's content.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void redirectUrl_get_fetchesTheContent() throws Exception {
    requireRedirect();
    byte[] content = Fixtures.randomBytes(4096, 61);
    driver().putContent("/redirect/file", content);
    Optional<URI> url = driver().redirectUrl("/redirect/file", RedirectMethod.GET);
    assertThat(url).as("a driver declaring REDIRECT_URL returns a URL").isPresent();
    HttpResponse<byte[]> response = http().send(
        HttpRequest.newBuilder(url.get()).GET().timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(content);
    driver().delete("/redirect");
  }

  /**
   * A HEAD of the redirect URL gives the file's length.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void redirectUrl_head_givesTheLength() throws Exception {
    requireRedirect();
    driver().putContent("/redirect/file", Fixtures.randomBytes(4096, 62));
    Optional<URI> url = driver().redirectUrl("/redirect/file", RedirectMethod.HEAD);
    assertThat(url).isPresent();
    HttpResponse<Void> response = http().send(
        HttpRequest.newBuilder(url.get()).method("HEAD", HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.discarding());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(4096);
    driver().delete("/redirect");
  }
}
