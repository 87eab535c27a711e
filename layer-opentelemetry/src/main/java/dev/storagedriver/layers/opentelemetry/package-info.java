/** The {@code tracing} layer: an OpenTelemetry span per call of a driver. */
package dev.storagedriver.layers.opentelemetry;
