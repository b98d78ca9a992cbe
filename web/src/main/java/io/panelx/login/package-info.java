/**
 * Where an admin is authenticated ({@link io.panelx.login.AdminLogin}, for every admin surface,
 * with the per-address login throttle), the gate in front of the form login ({@link
 * io.panelx.login.FormLoginGate}; the login itself is Elytron FORM authentication configured in
 * web.xml), the session's CSRF token, the login-page redirect and logout.
 */
package io.panelx.login;
