package io.commitd.triggers.delivery;

import io.commitd.triggers.config.RepositoryTrigger;
import java.util.List;
import java.util.Objects;

/** A repository's triggers as the last PutRepositoryTriggers left them, with that put's id. */
public record TriggerConfiguration(String configurationId, List<RepositoryTrigger> triggers) {

  public TriggerConfiguration {
    Objects.requireNonNull(configurationId, "configurationId");
    triggers = List.copyOf(triggers);
  }
}
