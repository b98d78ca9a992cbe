package io.panelx.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The admin REST API: JSON, admins only (see AdminApiGuard). */
@ApplicationPath("/api/v1")
public class AdminApi extends Application {}
