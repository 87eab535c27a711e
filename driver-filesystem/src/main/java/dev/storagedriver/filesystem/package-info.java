/**
 * The {@code filesystem} storage driver: files under a root directory of any {@link java.nio.file.FileSystem},
 * written atomically and durably, confined to the root.
 *
 * <p>Users need one of two entry points: the registry finds {@link
 * dev.storagedriver.filesystem.FilesystemDriverFactory} by the name {@code filesystem}, and {@link
 * dev.storagedriver.filesystem.FilesystemDriver#open} makes a driver over any {@link java.nio.file.Path}.
 */
package dev.storagedriver.filesystem;
