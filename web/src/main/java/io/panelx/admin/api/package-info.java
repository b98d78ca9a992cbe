/** The admin REST API under /api/v1: JSON, admins only, JSON errors with 4xx statuses. */
package io.panelx.admin.api;
