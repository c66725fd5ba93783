package io.commitd.server;

import com.zaxxer.hikari.HikariDataSource;
import io.commitd.server.audit.AuditTrail;
import io.commitd.storage.db.Database;
import io.commitd.transport.Maintenance;
import io.commitd.transport.ssh.SshGitServer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The operator's side of a running server: the audit trail's purge and the meters of its parts. */
final class OperationsSupport {
  private static final Logger LOG = LoggerFactory.getLogger(OperationsSupport.class);

  private OperationsSupport() {}

  /** Purges audit events older than {@code retentionDays} now and then every hour; close to stop. */
  static AutoCloseable scheduleAuditPurge(AuditTrail trail, int retentionDays) {
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "commitd-audit-purge");
      thread.setDaemon(true);
      return thread;
    });
    scheduler.scheduleWithFixedDelay(() -> {
      try {
        int purged = trail.purgeOlderThan(retentionDays);
        if (purged > 0) {
          LOG.info("purged {} audit events older than {} days", purged, retentionDays);
        }
      } catch (RuntimeException e) {
        LOG.warn("purging the audit trail failed; it is retried in an hour", e);
      }
    }, 1, 60, TimeUnit.MINUTES);
    return scheduler::shutdownNow;
  }

  /** The database pool (HikariCP's own meters) and the repacks of {@link Maintenance}. */
  static void bindMetrics(MeterRegistry metrics, Database database, Maintenance maintenance) {
    if (database.dataSource() instanceof HikariDataSource hikari) {
      hikari.setMetricRegistry(metrics);
    }
    FunctionCounter.builder("commitd.repacks", maintenance, Maintenance::repacks)
        .description("Repository repacks (garbage collection with bitmaps) done since start")
        .register(metrics);
    FunctionCounter.builder("commitd.repacks.failed", maintenance, Maintenance::failedRepacks)
        .description("Repacks that failed since start")
        .register(metrics);
  }

  static void bindSshMetrics(MeterRegistry metrics, SshGitServer ssh) {
    Gauge.builder("commitd.ssh.sessions", ssh, SshGitServer::activeSessions)
        .description("Open SSH sessions")
        .register(metrics);
  }
}
