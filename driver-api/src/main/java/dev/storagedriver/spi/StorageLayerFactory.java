package dev.storagedriver.spi;

import dev.storagedriver.Capability;
import dev.storagedriver.StorageDriverException;
import java.util.Set;

/**
 * Makes a layer: a {@link StorageBackend} over another one that adds one cross-cutting concern (retry, a
 * timeout, metrics, a read-only mode) without the driver knowing. Register an implementation with {@code
 * @AutoService(StorageLayerFactory.class)} (or a {@code META-INF/services} entry) and it is found by {@link
 * dev.storagedriver.StorageLayers} under its {@link #name()}, as drivers are; a configuration then stacks layers
 * by name:
 *
 * <pre>{@code
 * storagedriver.layers = [ { name = retry, maxattempts = 5 }, { name = timeout, operation = 10s } ]
 * }</pre>
 *
 * <p>A layer module ships a {@code reference.conf} with each layer's defaults under {@code
 * storagedriver.layer.<name>}; a parameter not declared there is reported as misspelt, exactly as a driver's.
 * Layers usually extend {@link ForwardingBackend} and override only what they change. They see what a backend
 * sees: valid paths, non-negative offsets, and the JDK's or typed exceptions from below (classify them with {@link
 * dev.storagedriver.ErrorTranslation}).
 */
public interface StorageLayerFactory {
  /**
   * The name a configuration selects the layer by ({@code { name = <name> }}): lower case, unique.
   *
   * @return the name
   */
  String name();

  /**
   * The capabilities this layer may take away from the backend below it (a read-only layer removes {@link
   * Capability#RESUMABLE_APPEND}, since it refuses every writer). The stack is checked against it: a layer that
   * removes a capability it does not declare here, or adds one the backend below lacks, is refused.
   *
   * @return the capabilities the layer may remove; empty (the default) when it keeps them all
   */
  default Set<Capability> removedCapabilities() {
    return Set.of();
  }

  /**
   * Makes the layer over {@code below} from its parameters. Check every parameter here, so a bad one fails at
   * start-up with {@link DriverConfig}'s errors, not at the first call.
   *
   * @param below the backend (a driver's, or the next layer down) every call eventually reaches
   * @param config this layer's parameters: its entry in {@code storagedriver.layers} over its defaults
   * @return the layer, which owns {@code below} from now on (closing it closes {@code below})
   * @throws StorageDriverException when a parameter is missing or not allowed, or the backend below cannot
   *     carry the layer (for example no redirect URLs to sign)
   */
  StorageBackend create(StorageBackend below, DriverConfig config) throws StorageDriverException;
}
