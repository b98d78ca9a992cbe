/**
 * Administrators (stored hashed, checked by Elytron), the first admin at first start, and the
 * errors admin operations answer with.
 */
package io.panelx.admin;
