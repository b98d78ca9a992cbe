/**
 * The admin REST API under {@code /api/v1}: every resource, one per file (lines, categories,
 * channels and their playlist import, connections and their totals, the EPG import, the XC import,
 * the live snapshot and the dashboard's actions, the admin's own session), and what they share:
 * {@link io.panelx.api.AdminApiGuard} admits only admins (through {@link
 * io.panelx.login.AdminLogin}), {@link io.panelx.api.CsrfGuard} protects the session's changes,
 * {@link io.panelx.api.ErrorMapper} and {@link io.panelx.api.ErrorBody} turn every failure into a
 * JSON error with a 4xx status (never a stack trace). The resources are thin: the work is done by
 * the ejb module's services.
 */
package io.panelx.api;
