/**
 * The built-in layers, stacked over any driver by {@code storagedriver.layers} (see {@link
 * dev.storagedriver.StorageLayers}): {@code retry}, {@code timeout}, {@code concurrency}, {@code throttle}, {@code
 * readonly}, {@code prefix}, {@code logging}, {@code faults}, {@code redirect} and {@code cdn}. {@link CallLayer}
 * is the base for layers that act around every call; {@link RetryEvents} lets a layer above {@code retry} count
 * its retries.
 */
package dev.storagedriver.layers;
