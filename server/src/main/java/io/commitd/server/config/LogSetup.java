package io.commitd.server.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;
import java.util.List;
import org.slf4j.Logger;

/**
 * commitd's logging: one line per event on standard error, as {@code text} or {@code json} (one JSON
 * object a line) as {@code COMMITD_LOG_FORMAT} says, libraries' chatter at {@code WARN}. Set in code,
 * not in a {@code logback.xml}: reading the XML took the JDK's parser and logback's Joran, some 400
 * classes run cold on the start-up's main thread. A file given with {@code -Dlogback.configurationFile}
 * still wins.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {
  /** The system property (set by the serve command) or environment variable naming the format. */
  public static final String FORMAT = "COMMITD_LOG_FORMAT";

  private static final List<String> QUIET = List.of("org.eclipse.jetty", "org.flywaydb", "com.zaxxer.hikari", "org.apache.sshd");

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    context.getStatusManager().add(new NopStatusListener());
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("CONSOLE");
    console.setTarget("System.err");
    console.setEncoder("json".equals(format()) ? json(context) : text(context));
    console.start();
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(console);
    QUIET.forEach(name -> context.getLogger(name).setLevel(Level.WARN));
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  private static String format() {
    String format = System.getProperty(FORMAT);
    return format != null ? format : System.getenv(FORMAT);
  }

  private static Encoder<ILoggingEvent> text(LoggerContext context) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level %logger{20} - %msg%n");
    encoder.start();
    return encoder;
  }

  private static Encoder<ILoggingEvent> json(LoggerContext context) {
    JsonEncoder encoder = new JsonEncoder();
    encoder.setContext(context);
    encoder.setWithSequenceNumber(false);
    encoder.setWithNanoseconds(false);
    encoder.setWithContext(false);
    encoder.setWithArguments(false);
    encoder.setWithMessage(false);
    encoder.setWithFormattedMessage(true);
    encoder.setWithMDC(false);
    encoder.setWithKVPList(false);
    encoder.start();
    return encoder;
  }
}
