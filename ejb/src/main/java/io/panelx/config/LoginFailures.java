package io.panelx.config;

import jakarta.inject.Qualifier;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The map failed logins are counted in, per client address: a plain in-memory map on a single
 * server, the cluster's replicated {@code logins} cache on a cluster node (io.panelx.cluster
 * produces it), so that a client cannot get ten tries per node. Values are strings changed by
 * compare-and-set only (putIfAbsent, replace(key, old, new), remove(key, old)), which a clustered
 * cache runs atomically on the key's owner.
 */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE})
public @interface LoginFailures {}
