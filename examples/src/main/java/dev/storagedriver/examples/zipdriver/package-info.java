/**
 * A third-party driver, written the way any driver outside this project would be: the {@code zip} driver keeps
 * every file as an entry of one ZIP archive on disk. Select it in configuration:
 *
 * <pre>{@code
 * storagedriver {
 *   driver = zip
 *   zip { file = data/store.zip }
 * }
 * }</pre>
 *
 * <p>Its parts are the ones every driver has: a factory registered with {@code @AutoService} ({@link
 * dev.storagedriver.examples.zipdriver.ZipDriverFactory}, the only public type), a {@code reference.conf} with
 * the parameters and their defaults, a backend with the raw operations, a writer, and a test that extends the
 * conformance kit. Every change rewrites the archive to a temporary file and renames it over the old one, so
 * readers (and {@code unzip}) always see a whole archive: fine for a small store you can copy or mail as one
 * file, wrong for a registry of gigabytes.
 */
package dev.storagedriver.examples.zipdriver;
