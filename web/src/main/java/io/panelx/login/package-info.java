/**
 * The admin's browser session: the CSRF token the pages send with every change, the filter that
 * checks it for cookie-authenticated calls, and logout. Login itself is Elytron FORM authentication
 * configured in web.xml.
 */
package io.panelx.login;
