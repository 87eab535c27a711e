/**
 * A local Alibaba Cloud OSS-compatible server for tests, examples and offline development.
 *
 * <p>Entry points: {@link dev.storagedriver.oss.emulator.OssEmulator} (embed: {@code builder()…build().start()}),
 * {@link dev.storagedriver.oss.emulator.Faults} (fault injection, via {@code emulator.faults()}),
 * {@link dev.storagedriver.oss.emulator.OssEmulatorExtension} (JUnit 5) and
 * {@link dev.storagedriver.oss.emulator.Main} (the standalone jar). Everything else is package-private.
 */
package dev.storagedriver.oss.emulator;
