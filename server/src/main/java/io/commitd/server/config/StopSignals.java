package io.commitd.server.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;

/**
 * Routes SIGTERM and SIGINT to a stop of our own instead of the JVM's shutdown. The JVM runs every
 * shutdown hook at once on a signal, and two libraries' hooks close what a drain still uses: H2's
 * closes the embedded database (it cannot be turned off while the database is open to a backup from
 * another process) and JGit's terminates the executor its file-system checks run on (seen failing
 * them under a push being received). A start still migrating the schema was cut short and failed.
 * Handled here, the signal starts the drain while everything is open; the JVM shuts down only when
 * it is done.
 *
 * <p>{@code sun.misc.Signal} is the JDK's supported way to do this (module {@code jdk.unsupported}); it
 * is reached by reflection, as Kafka does, because javac warns on every direct use and this build
 * keeps no warnings.
 */
final class StopSignals {
  private StopSignals() {}

  /**
   * Runs {@code stop} on a thread of its own at each SIGTERM or SIGINT. Neither is taken on a JVM
   * without {@code sun.misc.Signal}, nor SIGINT when the process was started with it ignored (a
   * background job): there the JVM's shutdown hooks stay the way out.
   */
  static void route(Runnable stop) {
    try {
      Class<?> signalClass = Class.forName("sun.misc.Signal");
      Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
      Constructor<?> signal = signalClass.getConstructor(String.class);
      Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
      Object handler = Proxy.newProxyInstance(StopSignals.class.getClassLoader(), new Class<?>[] {handlerClass},
          (proxy, method, args) -> switch (method.getName()) {
            case "handle" -> {
              // The JVM's signal thread must not wait on a drain.
              new Thread(stop, "commitd-stop").start();
              yield null;
            }
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> "commitd stop on signal";
          });
      for (String name : List.of("TERM", "INT")) {
        try {
          handle.invoke(null, signal.newInstance(name), handler);
        } catch (InvocationTargetException e) {
          // IllegalArgumentException: the signal is ignored or taken by the JVM; its default stays.
        }
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      // No sun.misc.Signal here: the shutdown hook stops the server, as on any JVM shutdown.
    }
  }
}
