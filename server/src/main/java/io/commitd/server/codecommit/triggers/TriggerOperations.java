package io.commitd.server.codecommit.triggers;

import io.commitd.server.api.OperationRegistry;
import io.commitd.server.codecommit.Input;
import io.commitd.server.codecommit.Operation;
import io.commitd.server.codecommit.OperationFamily;
import io.commitd.server.codecommit.OperationRequest;
import io.commitd.server.codecommit.Repositories;
import io.commitd.storage.aws.Arn;
import io.commitd.storage.errors.AwsException;
import io.commitd.storage.git.Refs;
import io.commitd.storage.git.RepositoryStore;
import io.commitd.storage.repos.RepositoryRecord;
import io.commitd.triggers.config.RepositoryTrigger;
import io.commitd.triggers.config.TriggerValidationException;
import io.commitd.triggers.config.TriggerValidator;
import io.commitd.triggers.delivery.RepositoryTriggerStore;
import io.commitd.triggers.delivery.TriggerConfiguration;
import io.commitd.triggers.delivery.TriggerTester;
import io.commitd.triggers.events.RepositoryIdentity;
import io.commitd.triggers.events.TriggerReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;

/** Repository triggers: PutRepositoryTriggers, GetRepositoryTriggers, TestRepositoryTriggers. */
public final class TriggerOperations implements OperationFamily {
  private final Repositories repositories;
  private final RepositoryStore store;
  private final RepositoryTriggerStore triggers;
  private final TriggerValidator validator;
  private final TriggerTester tester;

  public TriggerOperations(
      Repositories repositories, RepositoryStore store, RepositoryTriggerStore triggers, TriggerTester tester) {
    this.repositories = repositories;
    this.store = store;
    this.triggers = triggers;
    this.validator = new TriggerValidator(repositories.region());
    this.tester = tester;
  }

  @Override
  public void register(OperationRegistry<OperationRequest> registry) {
    registry
        .add("PutRepositoryTriggers", Operation.on(repositories::arnOfRepositoryName, this::putRepositoryTriggers))
        .add("GetRepositoryTriggers", Operation.on(repositories::arnOfRepositoryName, this::getRepositoryTriggers))
        .add("TestRepositoryTriggers", Operation.on(repositories::arnOfRepositoryName, this::testRepositoryTriggers));
  }

  private Object putRepositoryTriggers(OperationRequest request) {
    RepositoryRecord repository = repositories.require(request.accountId(), request.input().string("repositoryName"));
    List<RepositoryTrigger> list = validated(request.input());
    String configurationId = UUID.randomUUID().toString();
    triggers.put(repository.repositoryId(), new TriggerConfiguration(configurationId, list), request.now());
    return Map.of("configurationId", configurationId);
  }

  private Object getRepositoryTriggers(OperationRequest request) {
    RepositoryRecord repository = repositories.require(request.accountId(), request.input().string("repositoryName"));
    Optional<TriggerConfiguration> configuration = triggers.get(repository.repositoryId());
    Map<String, Object> output = new LinkedHashMap<>();
    configuration.ifPresent(c -> output.put("configurationId", c.configurationId()));
    List<Map<String, Object>> shapes = new ArrayList<>();
    for (RepositoryTrigger trigger : configuration.map(TriggerConfiguration::triggers).orElse(List.of())) {
      Map<String, Object> shape = new LinkedHashMap<>();
      shape.put("name", trigger.name());
      shape.put("destinationArn", trigger.destinationArn());
      if (trigger.customData() != null) {
        shape.put("customData", trigger.customData());
      }
      shape.put("branches", trigger.branches());
      shape.put("events", trigger.events());
      shapes.add(shape);
    }
    output.put("triggers", shapes);
    return output;
  }

  private Object testRepositoryTriggers(OperationRequest request) throws Exception {
    RepositoryRecord repository = repositories.require(request.accountId(), request.input().string("repositoryName"));
    List<RepositoryTrigger> list = validated(request.input());
    RepositoryIdentity identity = new RepositoryIdentity(repository.name(), repository.repositoryId(),
        Arn.repository(repositories.region(), repository.accountId(), repository.name()).toString());
    String configurationId = triggers.get(repository.repositoryId())
        .map(TriggerConfiguration::configurationId).orElse(UUID.randomUUID().toString());
    TriggerTester.Result result = tester.test(list, identity, request.caller().principalArn(), configurationId,
        defaultBranchHead(repository), request.now());
    List<Map<String, String>> failed = new ArrayList<>();
    for (TriggerTester.Failure failure : result.failedExecutions()) {
      failed.add(Map.of("trigger", failure.trigger(), "failureMessage", failure.failureMessage()));
    }
    return Map.of("successfulExecutions", result.successfulExecutions(), "failedExecutions", failed);
  }

  /** The default branch and its commit, which a test record reports; none in an empty repository. */
  private List<TriggerReference> defaultBranchHead(RepositoryRecord repository) throws Exception {
    if (repository.defaultBranch() == null) {
      return List.of();
    }
    try (Repository git = store.open(repository.repositoryId())) {
      Ref ref = Refs.exact(git, Constants.R_HEADS + repository.defaultBranch());
      return ref == null || ref.getObjectId() == null
          ? List.of()
          : List.of(TriggerReference.updated(ref.getName(), ref.getObjectId().name()));
    }
  }

  /** The input's {@code triggers}, as CodeCommit would accept them, or its error. */
  private List<RepositoryTrigger> validated(Input input) {
    List<Input> items = input.structureList("triggers");
    List<RepositoryTrigger> list = null;
    if (items != null) {
      list = new ArrayList<>();
      for (Input item : items) {
        list.add(new RepositoryTrigger(item.string("name"), item.string("destinationArn"), item.string("customData"),
            item.stringList("branches"), item.stringList("events")));
      }
    }
    try {
      validator.validate(list);
    } catch (TriggerValidationException e) {
      throw AwsException.badRequest(e.code(), e.getMessage());
    }
    return list;
  }
}
