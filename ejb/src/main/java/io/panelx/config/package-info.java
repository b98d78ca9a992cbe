/** Settings: system properties set in the server by wildfly-config/cli/settings.cli. */
package io.panelx.config;
