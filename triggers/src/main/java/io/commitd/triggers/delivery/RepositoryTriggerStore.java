package io.commitd.triggers.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.commitd.storage.db.Database;
import io.commitd.storage.db.Sql;
import io.commitd.triggers.config.RepositoryTrigger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code repository_triggers} table: one configuration per repository, replaced whole. */
public final class RepositoryTriggerStore {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Database database;

  public RepositoryTriggerStore(Database database) {
    this.database = database;
  }

  /** Replaces the repository's triggers (validated by the caller) under a new configuration id. */
  public void put(String repositoryId, TriggerConfiguration configuration, Instant at) {
    String triggers = write(configuration.triggers());
    database.inTransaction(c -> {
      int updated = Sql.update(c,
          "UPDATE repository_triggers SET configuration_id = ?, triggers = ?, updated_at = ? WHERE repository_id = ?",
          configuration.configurationId(), triggers, at.toEpochMilli(), repositoryId);
      if (updated == 0) {
        Sql.update(c,
            "INSERT INTO repository_triggers (repository_id, configuration_id, triggers, updated_at) VALUES (?, ?, ?, ?)",
            repositoryId, configuration.configurationId(), triggers, at.toEpochMilli());
      }
      return null;
    });
  }

  /** The repository's triggers, or empty when none was ever put. */
  public Optional<TriggerConfiguration> get(String repositoryId) {
    return new Sql(database).queryOne(
        "SELECT configuration_id, triggers FROM repository_triggers WHERE repository_id = ?",
        row -> new TriggerConfiguration(row.getString(1), read(row.getString(2))), repositoryId);
  }

  static String write(List<RepositoryTrigger> triggers) {
    ArrayNode array = JSON.createArrayNode();
    for (RepositoryTrigger trigger : triggers) {
      ObjectNode node = array.addObject();
      node.put("name", trigger.name());
      node.put("destinationArn", trigger.destinationArn());
      if (trigger.customData() != null) {
        node.put("customData", trigger.customData());
      }
      trigger.branches().forEach(node.putArray("branches")::add);
      trigger.events().forEach(node.putArray("events")::add);
    }
    return array.toString();
  }

  static List<RepositoryTrigger> read(String text) {
    JsonNode array;
    try {
      array = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored triggers are not JSON", e);
    }
    List<RepositoryTrigger> triggers = new ArrayList<>();
    for (JsonNode node : array) {
      JsonNode customData = node.get("customData");
      triggers.add(new RepositoryTrigger(node.get("name").textValue(), node.get("destinationArn").textValue(),
          customData == null ? null : customData.textValue(), strings(node.get("branches")), strings(node.get("events"))));
    }
    return triggers;
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    if (array != null) {
      array.forEach(value -> values.add(value.textValue()));
    }
    return values;
  }
}
