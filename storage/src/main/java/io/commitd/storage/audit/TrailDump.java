package io.commitd.storage.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A {@link TrailLog}'s events as rows of the trail's tables in a metadata dump, so that a backup's
 * trail restores into either database: into PostgreSQL's table as it is, into the embedded
 * database's table, from which the restored server's first start moves it into its log.
 */
public final class TrailDump {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TrailDump() {}

  /** Appends the events of the log in {@code trailDirectory} to the dump in {@code dumpDirectory}; returns how many. */
  public static int appendTo(Path trailDirectory, Path dumpDirectory) throws IOException {
    int[] written = {0};
    try (BufferedWriter events = append(dumpDirectory.resolve("cloudtrail_events.jsonl"));
        BufferedWriter resources = append(dumpDirectory.resolve("cloudtrail_event_resources.jsonl"))) {
      TrailLog.readAll(trailDirectory, entry -> {
        try {
          TrailEvent event = entry.event();
          ObjectNode row = JSON.createObjectNode()
              .put("seq", entry.seq())
              .put("event_id", event.eventId())
              .put("event_time", event.eventTime().toEpochMilli())
              .put("account_id", event.accountId())
              .put("event_name", event.eventName())
              .put("event_source", event.eventSource())
              .put("username", event.username())
              .put("access_key_id", event.accessKeyId())
              .put("read_only", event.readOnly())
              .put("resources", SqlTrailStore.json(event.resources()))
              .put("cloudtrail_event", event.cloudTrailEvent());
          line(events, row);
          for (TrailEvent.Resource resource : event.resources()) {
            line(resources, resourceRow(entry.seq(), resource.type(), resource.name()));
            if (resource.arn() != null && !resource.arn().equals(resource.name())) {
              line(resources, resourceRow(entry.seq(), resource.type(), resource.arn()));
            }
          }
          written[0]++;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return written[0];
  }

  private static ObjectNode resourceRow(long seq, String type, String name) {
    return JSON.createObjectNode().put("event_seq", seq).put("resource_type", type).put("resource_name", name);
  }

  private static BufferedWriter append(Path file) throws IOException {
    return Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static void line(BufferedWriter out, ObjectNode row) throws IOException {
    out.write(JSON.writeValueAsString(row));
    out.write('\n');
  }
}
