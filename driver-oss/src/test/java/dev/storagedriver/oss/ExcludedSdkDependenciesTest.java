package dev.storagedriver.oss;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The root pom excludes two of aliyun-sdk-oss's dependencies: ini4j (CVE-2022-41404, no fixed release; only
 * aliyun-java-sdk-core's ProfileCredentialsProvider reads INI files) and the JaCoCo agent (a coverage tool the SDK
 * leaks at compile scope). These tests hold that they are really absent, so the kit tests of this module, which
 * run the driver against the emulator, prove the driver works without them.
 */
class ExcludedSdkDependenciesTest {
  @Test
  void ini4j_isNotOnTheClassPath() {
    assertThatThrownBy(() -> Class.forName("org.ini4j.Wini")).isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void jacocoAgent_isNotOnTheClassPath() {
    assertThatThrownBy(() -> Class.forName("org.jacoco.agent.rt.RT")).isInstanceOf(ClassNotFoundException.class);
  }
}
