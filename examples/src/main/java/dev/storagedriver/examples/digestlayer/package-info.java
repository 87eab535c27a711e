/**
 * A third-party layer, {@code digestcheck}, written as an outside project would write one: it refuses content
 * that does not match the SHA-256 digest its content-addressed path names. Found by the registry through {@code
 * META-INF/services} like any layer, parameters in this module's {@code reference.conf}.
 */
package dev.storagedriver.examples.digestlayer;
