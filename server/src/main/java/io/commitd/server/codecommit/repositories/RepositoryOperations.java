package io.commitd.server.codecommit.repositories;

import com.fasterxml.jackson.databind.util.RawValue;
import io.commitd.server.codecommit.BranchNames;
import io.commitd.server.codecommit.CloneUrls;
import io.commitd.server.codecommit.Input;
import io.commitd.server.codecommit.Operation;
import io.commitd.server.codecommit.OperationFamily;
import io.commitd.server.api.OperationRegistry;
import io.commitd.server.codecommit.OperationRequest;
import io.commitd.server.codecommit.PageToken;
import io.commitd.server.codecommit.RepositoryNames;
import io.commitd.server.codecommit.Repositories;
import io.commitd.server.codecommit.data.RefMover;
import io.commitd.storage.errors.AwsException;
import io.commitd.storage.git.Refs;
import io.commitd.storage.git.RepositoryStore;
import io.commitd.storage.repos.RepositoryCatalog;
import io.commitd.storage.repos.RepositoryRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ReceiveCommand;

/**
 * The repository operations: create, read, list, rename, describe, default branch, encryption key,
 * delete, and tags.
 */
public final class RepositoryOperations implements OperationFamily {
  static final int LIST_PAGE_SIZE = 1000;
  static final int MAX_BATCH_NAMES = 25;
  private static final int DELETE_ATTEMPTS = 3;

  private final Repositories repositories;
  private final RepositoryCatalog catalog;
  private final RepositoryStore store;
  private final CloneUrls cloneUrls;
  private final RefMover refs;
  private final RenderedPages renderedPages = new RenderedPages(LIST_PAGE_SIZE);

  public RepositoryOperations(Repositories repositories, RepositoryStore store, CloneUrls cloneUrls, RefMover refs) {
    this.refs = refs;
    this.repositories = repositories;
    this.catalog = repositories.catalog();
    this.store = store;
    this.cloneUrls = cloneUrls;
  }

  @Override
  public void register(OperationRegistry<OperationRequest> registry) {
    registry
        .add("CreateRepository", Operation.on(repositories::arnOfRepositoryName, this::create))
        .add("GetRepository", Operation.on(repositories::arnOfRepositoryName, this::get))
        .add("BatchGetRepositories", Operation.onEach(this::batchResources, this::batchGet))
        .add("ListRepositories", Operation.on(r -> "*", this::list))
        .add("DeleteRepository", Operation.on(repositories::arnOfRepositoryName, this::delete))
        .add("UpdateRepositoryName", Operation.onEach(this::renameResources, this::rename))
        .add("UpdateRepositoryDescription", Operation.on(repositories::arnOfRepositoryName, this::describe))
        .add("UpdateDefaultBranch", Operation.on(repositories::arnOfRepositoryName, this::updateDefaultBranch))
        .add("UpdateRepositoryEncryptionKey", Operation.on(repositories::arnOfRepositoryName, this::updateKey))
        .add("TagResource", Operation.on(r -> resourceArn(r.input()).arn(), this::tag))
        .add("UntagResource", Operation.on(r -> resourceArn(r.input()).arn(), this::untag))
        .add("ListTagsForResource", Operation.on(r -> resourceArn(r.input()).arn(), this::listTags));
  }

  private Object create(OperationRequest request) throws IOException {
    Input input = request.input();
    String name = RepositoryNames.require(input.string("repositoryName"));
    String description = RepositoryInputs.description(input.string("repositoryDescription"));
    String kmsKeyId = RepositoryInputs.kmsKeyId(input.string("kmsKeyId"));
    Map<String, String> tags = input.stringMap("tags");
    tags = tags == null ? Map.of() : RepositoryInputs.tags(tags, 0);
    RepositoryRecord record =
        new RepositoryRecord(
            UUID.randomUUID().toString(),
            request.accountId(),
            name,
            description,
            null,
            kmsKeyId == null ? RepositoryInputs.DEFAULT_KMS_KEY : kmsKeyId,
            request.now(),
            request.now());
    if (catalog.findByName(request.accountId(), name).isPresent()) {
      throw nameExists(name);
    }
    store.create(record.repositoryId());
    try {
      catalog.create(record, tags);
    } catch (RepositoryCatalog.NameTakenException e) {
      store.delete(record.repositoryId());
      throw nameExists(name);
    } catch (RuntimeException e) {
      store.delete(record.repositoryId());
      throw e;
    }
    return Map.of("repositoryMetadata", metadata(request, record));
  }

  private Object get(OperationRequest request) {
    RepositoryRecord record = repositories.require(request.accountId(), request.input().string("repositoryName"));
    return Map.of("repositoryMetadata", metadata(request, record));
  }

  private List<String> batchResources(OperationRequest request) {
    List<String> names = request.input().stringList("repositoryNames");
    if (names == null || names.isEmpty()) {
      throw AwsException.badRequest(
          "RepositoryNamesRequiredException", "At least one repository name is required, but was not specified.");
    }
    if (names.size() > MAX_BATCH_NAMES) {
      throw AwsException.badRequest(
          "MaximumRepositoryNamesExceededException",
          "The maximum number of allowed repository names was exceeded. Currently, this number is " + MAX_BATCH_NAMES + ".");
    }
    return names.stream().map(n -> repositories.arn(request.accountId(), n)).toList();
  }

  private Object batchGet(OperationRequest request) {
    List<RepositoryMetadata> found = new ArrayList<>();
    List<String> notFound = new ArrayList<>();
    List<Map<String, String>> errors = new ArrayList<>();
    for (String name : request.input().stringList("repositoryNames")) {
      var record = catalog.findByName(request.accountId(), name);
      if (record.isPresent()) {
        found.add(metadata(request, record.get()));
      } else {
        notFound.add(name);
        errors.add(
            Map.of(
                "repositoryName", name,
                "errorCode", "RepositoryDoesNotExistException",
                "errorMessage", name + " does not exist"));
      }
    }
    return Map.of("repositories", found, "repositoriesNotFound", notFound, "errors", errors);
  }

  private Object list(OperationRequest request) {
    Input input = request.input();
    String sortBy = input.string("sortBy");
    String order = input.string("order");
    RepositoryCatalog.ListOrder listOrder;
    if (sortBy == null || sortBy.equals("repositoryName")) {
      listOrder = RepositoryCatalog.ListOrder.NAME;
    } else if (sortBy.equals("lastModifiedDate")) {
      listOrder = RepositoryCatalog.ListOrder.LAST_MODIFIED;
    } else {
      throw AwsException.badRequest("InvalidSortByException", "The specified sort by value is not valid: " + sortBy);
    }
    if (order != null && !order.equals("ascending") && !order.equals("descending")) {
      throw AwsException.badRequest("InvalidOrderException", "The specified sort order is not valid: " + order);
    }
    int offset = PageToken.offset(input.string("nextToken"));
    // one row past the page says whether another page follows
    List<RepositoryRecord> rows = catalog.listPage(request.accountId(), listOrder, "descending".equals(order), offset, LIST_PAGE_SIZE + 1);
    return new ListRepositoriesOutput(renderedPages.of(rows), rows.size() > LIST_PAGE_SIZE ? PageToken.of(offset + LIST_PAGE_SIZE) : null);
  }

  /** botocore's {@code ListRepositoriesOutput}, its page already written as JSON. */
  private record ListRepositoriesOutput(RawValue repositories, String nextToken) {}

  private Object delete(OperationRequest request) throws IOException {
    String name = RepositoryNames.require(request.input().string("repositoryName"));
    var record = catalog.findByName(request.accountId(), name);
    if (record.isEmpty()) {
      // DeleteRepository is idempotent in CodeCommit: deleting nothing answers without an id.
      return Map.of();
    }
    // Every ref leaves through the pipeline, so the deletion is authorized, gated and recorded like
    // any other ref change (and triggers see the branches go), before the repository itself goes.
    try (Repository git = store.open(record.get().repositoryId())) {
      deleteAllRefs(request, record.get(), git, DELETE_ATTEMPTS);
    }
    catalog.delete(record.get().repositoryId());
    store.delete(record.get().repositoryId());
    return Map.of("repositoryId", record.get().repositoryId());
  }

  /** Deletes every ref; a push racing the deletion is retried against the refs it left. */
  private void deleteAllRefs(OperationRequest request, RepositoryRecord record, Repository git, int attempts) throws IOException {
    List<ReceiveCommand> deletions = new ArrayList<>();
    for (Ref ref : git.getRefDatabase().getRefsByPrefix(Constants.R_REFS)) {
      if (!ref.isSymbolic()) {
        deletions.add(new ReceiveCommand(ref.getObjectId(), ObjectId.zeroId(), ref.getName()));
      }
    }
    if (deletions.isEmpty()) {
      return;
    }
    try {
      refs.moveAll(request, record, git, deletions, () -> new RacedException());
    } catch (RacedException e) {
      if (attempts <= 1) {
        throw new AwsException("InternalFailure", 500, "The repository changed while it was being deleted. Try again.");
      }
      deleteAllRefs(request, record, git, attempts - 1);
    }
  }

  /** A ref moved under the deletion. */
  private static final class RacedException extends AwsException {
    private static final long serialVersionUID = 1L;

    RacedException() {
      super("InternalFailure", 500, "raced");
    }
  }

  private List<String> renameResources(OperationRequest request) {
    Input input = request.input();
    String oldName = input.string("oldName");
    String newName = input.string("newName");
    if (oldName == null || oldName.isEmpty() || newName == null || newName.isEmpty()) {
      throw AwsException.badRequest("RepositoryNameRequiredException", "A repository name is required, but was not specified.");
    }
    return List.of(repositories.arn(request.accountId(), oldName));
  }

  private Object rename(OperationRequest request) {
    Input input = request.input();
    RepositoryRecord record = repositories.require(request.accountId(), input.string("oldName"));
    String newName = RepositoryNames.require(input.string("newName"));
    if (newName.equals(record.name())) {
      return null;
    }
    try {
      catalog.rename(record.repositoryId(), newName, request.now());
    } catch (RepositoryCatalog.NameTakenException e) {
      throw nameExists(newName);
    }
    return null;
  }

  private Object describe(OperationRequest request) {
    Input input = request.input();
    RepositoryRecord record = repositories.require(request.accountId(), input.string("repositoryName"));
    String description = RepositoryInputs.description(input.string("repositoryDescription"));
    catalog.updateDescription(record.repositoryId(), description, request.now());
    return null;
  }

  private Object updateDefaultBranch(OperationRequest request) throws IOException {
    Input input = request.input();
    RepositoryRecord record = repositories.require(request.accountId(), input.string("repositoryName"));
    String branch = BranchNames.require(input.string("defaultBranchName"));
    try (Repository git = store.open(record.repositoryId())) {
      Ref ref = Refs.exact(git, Constants.R_HEADS + branch);
      if (ref == null) {
        throw BranchNames.doesNotExist(branch);
      }
      refs.linkHead(request, record, git, ref.getName());
    }
    catalog.updateDefaultBranch(record.repositoryId(), branch, request.now());
    return null;
  }

  private Object updateKey(OperationRequest request) {
    Input input = request.input();
    RepositoryRecord record = repositories.require(request.accountId(), input.string("repositoryName"));
    String kmsKeyId = input.string("kmsKeyId");
    if (kmsKeyId == null || kmsKeyId.isEmpty()) {
      throw AwsException.badRequest("EncryptionKeyRequiredException", "A Key Management Service encryption key ID is required.");
    }
    RepositoryInputs.kmsKeyId(kmsKeyId);
    catalog.updateKmsKeyId(record.repositoryId(), kmsKeyId, request.now());
    return Map.of(
        "repositoryId", record.repositoryId(),
        "kmsKeyId", kmsKeyId,
        "originalKmsKeyId", record.kmsKeyId());
  }

  private Object tag(OperationRequest request) {
    RepositoryRecord record = taggedRepository(request);
    Map<String, String> tags = request.input().stringMap("tags");
    if (tags == null) {
      throw AwsException.badRequest("TagsMapRequiredException", "A map of tags is required.");
    }
    Map<String, String> existing = catalog.tags(record.repositoryId());
    long added = tags.keySet().stream().filter(k -> !existing.containsKey(k)).count();
    RepositoryInputs.tags(tags, existing.size() + (int) added - tags.size());
    catalog.tag(record.repositoryId(), tags);
    return null;
  }

  private Object untag(OperationRequest request) {
    RepositoryRecord record = taggedRepository(request);
    List<String> keys = request.input().stringList("tagKeys");
    if (keys == null) {
      throw AwsException.badRequest("TagKeysListRequiredException", "A list of tag keys is required.");
    }
    catalog.untag(record.repositoryId(), RepositoryInputs.tagKeys(keys));
    return null;
  }

  private Object listTags(OperationRequest request) {
    RepositoryRecord record = taggedRepository(request);
    PageToken.offset(request.input().string("nextToken"));
    return Map.of("tags", catalog.tags(record.repositoryId()));
  }

  private RepositoryRecord taggedRepository(OperationRequest request) {
    ResourceArn arn = resourceArn(request.input());
    return catalog.findByName(arn.accountId(), arn.repositoryName())
        .orElseThrow(() -> Repositories.doesNotExist(arn.repositoryName()));
  }

  private ResourceArn resourceArn(Input input) {
    String arn = input.string("resourceArn");
    if (arn == null || arn.isEmpty()) {
      throw AwsException.badRequest("ResourceArnRequiredException", "A valid Amazon Resource Name (ARN) for a CodeCommit resource is required but was not specified.");
    }
    String[] parts = arn.split(":", -1);
    if (parts.length != 6 || !parts[0].equals("arn") || !parts[2].equals("codecommit")
        || !parts[3].equals(repositories.region()) || !parts[4].matches("\\d{12}")) {
      throw AwsException.badRequest("InvalidResourceArnException", "The value for the resource ARN is not valid: " + arn);
    }
    if (!RepositoryNames.isValid(parts[5])) {
      throw RepositoryNames.invalid(parts[5]);
    }
    return new ResourceArn(arn, parts[4], parts[5]);
  }

  private record ResourceArn(String arn, String accountId, String repositoryName) {}

  private RepositoryMetadata metadata(OperationRequest request, RepositoryRecord record) {
    return new RepositoryMetadata(
        record.accountId(),
        record.repositoryId(),
        record.name(),
        record.description(),
        record.defaultBranch(),
        record.lastModifiedAt(),
        record.createdAt(),
        cloneUrls.http(request.call(), record.name()),
        cloneUrls.ssh(request.call(), record.name()),
        record.arn(repositories.region()),
        record.kmsKeyId());
  }

  private static AwsException nameExists(String name) {
    return AwsException.badRequest("RepositoryNameExistsException", "Repository named " + name + " already exists");
  }
}
