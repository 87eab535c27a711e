/** The {@code metrics} layer: Micrometer meters for every call of a driver. */
package dev.storagedriver.layers.micrometer;
