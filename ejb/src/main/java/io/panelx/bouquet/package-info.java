/**
 * Named bouquets as an admin keeps them: a group of channels, movies and series that lines
 * subscribe to (an Xtream panel's bouquet), changed once for all the lines that hold it.
 */
package io.panelx.bouquet;
