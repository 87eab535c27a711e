/**
 * The {@code inmemory} driver: select it with {@code storagedriver.driver = inmemory}, or open drivers over an
 * {@link dev.storagedriver.inmemory.InMemoryStore} directly.
 */
package dev.storagedriver.inmemory;
