package dev.storagedriver.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.typesafe.config.ConfigFactory;
import dev.storagedriver.InvalidConfigException;
import dev.storagedriver.RedirectMethod;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDriverRegistry;
import dev.storagedriver.inmemory.InMemoryStore;
import dev.storagedriver.oss.emulator.OssEmulator;
import dev.storagedriver.spi.DriverConfig;
import dev.storagedriver.spi.StorageBackend;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The redirect and cdn layers over the OSS driver's presigned URLs, from the OSS emulator. */
class RedirectAndCdnLayerTest {
  private static OssEmulator emulator;

  @BeforeAll
  static void start() {
    emulator = OssEmulator.builder().bucket("layers").build().start();
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  private static StorageDriver oss(String layers) throws Exception {
    return StorageDriverRegistry.load().open(Stacks.ossConfig(emulator, "/redirects", layers));
  }

  @Test
  void redirect_rewritesSchemeHostAndPathPrefix_andKeepsTheSignature() throws Exception {
    URI original;
    URI rewritten;
    try (StorageDriver bare = oss("[]");
        StorageDriver proxied = oss("[ { name = redirect, scheme = https, host = \"proxy.internal:8443\", "
            + "trimpathprefix = /layers, pathprefix = /blobs } ]")) {
      bare.putContent("/a b", new byte[] {1});
      original = bare.redirectUrl("/a b", RedirectMethod.GET).orElseThrow();
      rewritten = proxied.redirectUrl("/a b", RedirectMethod.GET).orElseThrow();
      bare.delete("/a b");
    }
    assertThat(rewritten.getScheme()).isEqualTo("https");
    assertThat(rewritten.getRawAuthority()).isEqualTo("proxy.internal:8443");
    String originalPath = original.getRawPath().startsWith("/layers/")
        ? original.getRawPath().substring("/layers".length()) : original.getRawPath();
    assertThat(rewritten.getRawPath()).isEqualTo("/blobs" + originalPath);
    assertThat(rewritten.getRawQuery()).isNotEmpty();
    // the signature is made per call (its time differs): the same parameters, in the same order, are kept
    assertThat(parameterNames(rewritten)).isEqualTo(parameterNames(original)).isNotEmpty();
  }

  private static java.util.List<String> parameterNames(URI url) {
    return java.util.Arrays.stream(url.getRawQuery().split("&")).map(p -> p.replaceAll("=.*", "")).toList();
  }

  @Test
  void cdn_signsTheDriversUrlPath_withTypeAAuthentication() throws Exception {
    try (StorageDriver bare = oss("[]")) {
      bare.putContent("/blob", new byte[] {1});
      URI original = bare.redirectUrl("/blob", RedirectMethod.GET).orElseThrow();
      StorageBackend below = StorageDriverRegistry.load().factory("oss").orElseThrow().create(
          new DriverConfig("oss", Stacks.ossConfig(emulator, "/redirects", "[]")
              .withFallback(ConfigFactory.defaultReference()).resolve()));
      Clock clock = Clock.fixed(Instant.ofEpochSecond(1_444_435_200L - 1800), ZoneOffset.UTC);
      try (StorageBackend cdn = new CdnLayer(below, new DriverConfig("cdn", "storagedriver.layers[0]",
          ConfigFactory.parseString("host = cdn.example.com, privatekey = aliyuncdnexp1234, expiry = 30m")),
          clock, () -> "477b3bbc253f467b8def6711128c7bec")) {
        URI signed = cdn.redirectUrl("/blob", RedirectMethod.GET).orElseThrow();
        assertThat(signed.getScheme()).isEqualTo("https");
        assertThat(signed.getHost()).isEqualTo("cdn.example.com");
        assertThat(signed.getRawPath()).isEqualTo(original.getRawPath());
        Matcher m = Pattern.compile("auth_key=(\\d{10})-([0-9a-f]{32})-0-([0-9a-f]{32})")
            .matcher(signed.getRawQuery());
        assertThat(m.matches()).as(signed.getRawQuery()).isTrue();
        assertThat(m.group(1)).isEqualTo("1444435200");
        assertThat(m.group(2)).isEqualTo("477b3bbc253f467b8def6711128c7bec");
        assertThat(m.group(3)).isEqualTo(CdnLayer.md5Hex(original.getRawPath()
            + "-1444435200-477b3bbc253f467b8def6711128c7bec-0-aliyuncdnexp1234"));
      }
      bare.delete("/blob");
    }
  }

  @Test
  void cdnHash_isTheMd5OfUriTimestampRandUidKey() {
    // computed independently: python3 -c "import hashlib; print(hashlib.md5(b'...').hexdigest())"
    assertThat(CdnLayer.md5Hex("/video/standard/1K.mp4-1444435200-0-0-aliyuncdnexp1234"))
        .isEqualTo("e41fa800f37c986f9efb730e6d21c113");
  }

  @Test
  void redirectLayers_overADriverWithoutRedirects_refuseToStart() {
    for (String layer : new String[] {"{ name = redirect, host = x.example }",
        "{ name = cdn, host = x.example, privatekey = k }"}) {
      InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class,
          () -> Stacks.stack(new InMemoryStore(0).backend(), "[ " + layer + " ]"));
      assertThat(e.getMessage()).contains("lacks capability REDIRECT_URL");
    }
  }

  @Test
  void cdn_withoutAPrivateKey_saysItIsRequired() throws Exception {
    InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class,
        () -> oss("[ { name = cdn, host = cdn.example.com } ]"));
    assertThat(e.key()).isEqualTo("storagedriver.layers[0].privatekey");
  }

  @Test
  void aRedirectPathPrefix_thatIsNotAUrlPath_isRefusedAtStartUp() {
    for (String bad : new String[] {"/my blobs", "/a?b", "/a#b", "/a%zz"}) {
      InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class,
          () -> oss("[ { name = redirect, pathprefix = \"" + bad + "\" } ]"));
      assertThat(e).as(bad).isNotNull();
      assertThat(e.key()).isEqualTo("storagedriver.layers[0].pathprefix");
    }
  }

  @Test
  void aCdnUid_thatIsNotLettersAndDigits_isRefusedAtStartUp() {
    for (String bad : new String[] {"a-b", "a b", "a&b"}) {
      InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class,
          () -> oss("[ { name = cdn, host = cdn.example.com, privatekey = k, uid = \"" + bad + "\" } ]"));
      assertThat(e).as(bad).isNotNull();
      assertThat(e.key()).isEqualTo("storagedriver.layers[0].uid");
    }
  }
}
