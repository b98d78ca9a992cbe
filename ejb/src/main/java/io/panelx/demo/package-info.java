/** Demo content for a first run: a line and a channel that plays without network. */
package io.panelx.demo;
