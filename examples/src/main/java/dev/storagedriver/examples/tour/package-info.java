/**
 * Example 1, choose a driver in config: {@link dev.storagedriver.examples.tour.Tour} opens the driver that {@code
 * application.conf} names and takes a short tour of the API.
 */
package dev.storagedriver.examples.tour;
