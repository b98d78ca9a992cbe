package io.panelx.monitoring;

import io.panelx.archive.Archives;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import javax.management.ObjectName;

/** Registers {@code io.panelx:type=Archive} for the life of the deployment. */
@Singleton
@Startup
@DependsOn("Archives")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ArchiveMBeans {

    static final ObjectName ARCHIVE = name();

    @Inject Archives archives;
    @Inject MBeanRegistration mbeans;

    private static ObjectName name() {
        try {
            return new ObjectName(MBeanRegistration.DOMAIN + ":type=Archive");
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }

    @PostConstruct
    void register() {
        mbeans.register(ARCHIVE, new ArchiveMBean(archives));
    }

    @PreDestroy
    void unregister() {
        mbeans.remove(ARCHIVE);
    }
}
