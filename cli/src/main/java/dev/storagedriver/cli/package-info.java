/**
 * The {@code storagedriver} command-line tool: {@link dev.storagedriver.cli.Main} is the entry point; every
 * command opens the backend that a configuration file names through {@link dev.storagedriver.StorageDriverRegistry},
 * so any driver on the class path (or in a {@code --plugins} jar) is reachable. Exit codes are in {@link
 * dev.storagedriver.cli.ExitCodes}.
 */
package dev.storagedriver.cli;
