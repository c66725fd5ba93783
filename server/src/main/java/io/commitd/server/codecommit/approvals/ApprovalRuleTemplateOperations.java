package io.commitd.server.codecommit.approvals;

import io.commitd.reviews.ApprovalRuleTemplate;
import io.commitd.reviews.ApprovalRuleTemplates;
import io.commitd.server.api.OperationRegistry;
import io.commitd.server.codecommit.Input;
import io.commitd.server.codecommit.Operation;
import io.commitd.server.codecommit.OperationFamily;
import io.commitd.server.codecommit.OperationRequest;
import io.commitd.server.codecommit.PageToken;
import io.commitd.server.codecommit.Repositories;
import io.commitd.server.codecommit.RepositoryNames;
import io.commitd.storage.errors.AwsException;
import io.commitd.storage.repos.RepositoryRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Approval rule templates: create, read, list, rename, describe, change content, delete, and their
 * associations with repositories. Templates belong to the account, so their own operations are
 * authorized on {@code *}; associations on each repository they touch.
 */
public final class ApprovalRuleTemplateOperations implements OperationFamily {
  static final int DEFAULT_PAGE = 100;
  /** CodeCommit's limit of repository names in one batch association. */
  static final int MAX_BATCH_REPOSITORIES = 25;

  private final Repositories repositories;
  private final ApprovalRuleTemplates templates;

  public ApprovalRuleTemplateOperations(Repositories repositories, ApprovalRuleTemplates templates) {
    this.repositories = repositories;
    this.templates = templates;
  }

  @Override
  public void register(OperationRegistry<OperationRequest> registry) {
    registry
        .add("CreateApprovalRuleTemplate", Operation.on(r -> "*", this::create))
        .add("GetApprovalRuleTemplate", Operation.on(r -> "*", this::get))
        .add("ListApprovalRuleTemplates", Operation.on(r -> "*", this::list))
        .add("UpdateApprovalRuleTemplateName", Operation.on(r -> "*", this::rename))
        .add("UpdateApprovalRuleTemplateDescription", Operation.on(r -> "*", this::updateDescription))
        .add("UpdateApprovalRuleTemplateContent", Operation.on(r -> "*", this::updateContent))
        .add("DeleteApprovalRuleTemplate", Operation.on(r -> "*", this::delete))
        .add("AssociateApprovalRuleTemplateWithRepository", Operation.on(repositories::arnOfRepositoryName, this::associate))
        .add("BatchAssociateApprovalRuleTemplateWithRepositories", Operation.onEach(this::batchArns, this::batchAssociate))
        .add("DisassociateApprovalRuleTemplateFromRepository",
            Operation.on(repositories::arnOfRepositoryName, this::disassociate))
        .add("BatchDisassociateApprovalRuleTemplateFromRepositories",
            Operation.onEach(this::batchArns, this::batchDisassociate))
        .add("ListAssociatedApprovalRuleTemplatesForRepository",
            Operation.on(repositories::arnOfRepositoryName, this::listForRepository))
        .add("ListRepositoriesForApprovalRuleTemplate", Operation.on(r -> "*", this::listRepositories));
  }

  // ---- the templates

  private Object create(OperationRequest request) {
    Input input = request.input();
    ApprovalRuleTemplate template = templates.create(request.accountId(), input.string("approvalRuleTemplateName"),
        input.string("approvalRuleTemplateDescription"), input.string("approvalRuleTemplateContent"), actor(request));
    return Map.of("approvalRuleTemplate", ApprovalShapes.template(template));
  }

  private Object get(OperationRequest request) {
    return Map.of("approvalRuleTemplate", ApprovalShapes.template(template(request, "approvalRuleTemplateName")));
  }

  private Object list(OperationRequest request) {
    Input input = request.input();
    int pageSize = maxResults(input);
    PageToken.Page<String> page = PageToken.page(templates.names(request.accountId()), input.string("nextToken"), pageSize);
    return page(Map.of("approvalRuleTemplateNames", page.items()), page);
  }

  private Object rename(OperationRequest request) {
    Input input = request.input();
    ApprovalRuleTemplate template = templates.rename(request.accountId(), input.string("oldApprovalRuleTemplateName"),
        input.string("newApprovalRuleTemplateName"), actor(request));
    return Map.of("approvalRuleTemplate", ApprovalShapes.template(template));
  }

  private Object updateDescription(OperationRequest request) {
    Input input = request.input();
    String name = input.string("approvalRuleTemplateName");
    String description = input.string("approvalRuleTemplateDescription");
    if (description == null) {
      throw AwsException.badRequest("InvalidApprovalRuleTemplateDescriptionException",
          "The description for the approval rule template is not valid: a description is required.");
    }
    ApprovalRuleTemplate template = templates.updateDescription(request.accountId(), name, description, actor(request));
    return Map.of("approvalRuleTemplate", ApprovalShapes.template(template));
  }

  private Object updateContent(OperationRequest request) {
    Input input = request.input();
    ApprovalRuleTemplate template = templates.updateContent(request.accountId(), input.string("approvalRuleTemplateName"),
        input.string("newRuleContent"), input.string("existingRuleContentSha256"), actor(request));
    return Map.of("approvalRuleTemplate", ApprovalShapes.template(template));
  }

  private Object delete(OperationRequest request) {
    Optional<String> id = templates.delete(request.accountId(), request.input().string("approvalRuleTemplateName"),
        actor(request));
    return Map.of("approvalRuleTemplateId", id.orElse(""));
  }

  // ---- associations

  private Object associate(OperationRequest request) {
    ApprovalRuleTemplate template = template(request, "approvalRuleTemplateName");
    RepositoryRecord repository = repositories.require(request.accountId(), request.input().string("repositoryName"));
    if (!templates.associate(template, List.of(repository), actor(request), false).isEmpty()) {
      throw AwsException.badRequest("MaximumRuleTemplatesAssociatedWithRepositoryException",
          "The maximum number of approval rule templates for a repository (" + ApprovalRuleTemplates.MAX_PER_REPOSITORY
              + ") has been exceeded.");
    }
    return null;
  }

  private Object disassociate(OperationRequest request) {
    ApprovalRuleTemplate template = template(request, "approvalRuleTemplateName");
    RepositoryRecord repository = repositories.require(request.accountId(), request.input().string("repositoryName"));
    templates.disassociate(template, List.of(repository), actor(request), false);
    return null;
  }

  private Object batchAssociate(OperationRequest request) {
    ApprovalRuleTemplate template = template(request, "approvalRuleTemplateName");
    Batch batch = batch(request);
    List<RepositoryRecord> atLimit = templates.associate(template, batch.found(), actor(request), true);
    List<ApprovalShapes.BatchError> errors = new ArrayList<>(batch.errors());
    for (RepositoryRecord repository : atLimit) {
      errors.add(new ApprovalShapes.BatchError(repository.name(), "MaximumRuleTemplatesAssociatedWithRepositoryException",
          "The maximum number of approval rule templates for a repository has been exceeded."));
    }
    List<String> associated = batch.found().stream().filter(r -> !atLimit.contains(r)).map(RepositoryRecord::name).toList();
    Map<String, Object> output = new LinkedHashMap<>();
    output.put("associatedRepositoryNames", associated);
    output.put("errors", errors);
    return output;
  }

  private Object batchDisassociate(OperationRequest request) {
    ApprovalRuleTemplate template = template(request, "approvalRuleTemplateName");
    Batch batch = batch(request);
    templates.disassociate(template, batch.found(), actor(request), true);
    Map<String, Object> output = new LinkedHashMap<>();
    output.put("disassociatedRepositoryNames", batch.found().stream().map(RepositoryRecord::name).toList());
    output.put("errors", batch.errors());
    return output;
  }

  private Object listForRepository(OperationRequest request) {
    Input input = request.input();
    RepositoryRecord repository = repositories.require(request.accountId(), input.string("repositoryName"));
    int pageSize = maxResults(input);
    PageToken.Page<String> page = PageToken.page(templates.namesAssociatedWith(repository), input.string("nextToken"),
        pageSize);
    return page(Map.of("approvalRuleTemplateNames", page.items()), page);
  }

  private Object listRepositories(OperationRequest request) {
    Input input = request.input();
    ApprovalRuleTemplate template = template(request, "approvalRuleTemplateName");
    int pageSize = maxResults(input);
    PageToken.Page<String> page = PageToken.page(templates.repositoryNames(template), input.string("nextToken"), pageSize);
    return page(Map.of("repositoryNames", page.items()), page);
  }

  // ---- inputs

  /** The repositories a batch names, and an error entry for each name that is not one. */
  private record Batch(List<RepositoryRecord> found, List<ApprovalShapes.BatchError> errors) {}

  private Batch batch(OperationRequest request) {
    List<RepositoryRecord> found = new ArrayList<>();
    List<ApprovalShapes.BatchError> errors = new ArrayList<>();
    for (String name : repositoryNames(request.input())) {
      if (!RepositoryNames.isValid(name)) {
        errors.add(new ApprovalShapes.BatchError(name, "InvalidRepositoryNameException", "The repository name is not valid."));
        continue;
      }
      repositories.catalog().findByName(request.accountId(), name).ifPresentOrElse(found::add,
          () -> errors.add(new ApprovalShapes.BatchError(name, "RepositoryDoesNotExistException", name + " does not exist")));
    }
    return new Batch(found, errors);
  }

  /**
   * The ARNs of the valid repository names of a batch: what it is authorized on. A batch that names
   * no valid repository is authorized on {@code *}, so no call goes unauthorized.
   */
  private List<String> batchArns(OperationRequest request) {
    List<String> arns = repositoryNames(request.input()).stream().filter(RepositoryNames::isValid)
        .map(name -> repositories.arn(request.accountId(), name)).toList();
    return arns.isEmpty() ? List.of("*") : arns;
  }

  private static List<String> repositoryNames(Input input) {
    List<String> names = input.stringList("repositoryNames");
    if (names == null) {
      throw AwsException.badRequest("RepositoryNamesRequiredException", "At least one repository name is required.");
    }
    if (names.size() > MAX_BATCH_REPOSITORIES) {
      throw AwsException.badRequest("MaximumRepositoryNamesExceededException",
          "The maximum number of allowed repository names (" + MAX_BATCH_REPOSITORIES + ") was exceeded.");
    }
    return List.copyOf(new LinkedHashSet<>(names));
  }

  private ApprovalRuleTemplate template(OperationRequest request, String member) {
    return templates.require(request.accountId(), request.input().string(member));
  }

  private static String actor(OperationRequest request) {
    return request.caller().principalArn();
  }

  private static int maxResults(Input input) {
    Integer max = input.integer("maxResults");
    if (max == null) {
      return DEFAULT_PAGE;
    }
    if (max < 1 || max > DEFAULT_PAGE) {
      throw AwsException.badRequest("InvalidMaxResultsException", "The specified number of maximum results is not valid.");
    }
    return max;
  }

  private static Map<String, Object> page(Map<String, Object> items, PageToken.Page<String> page) {
    Map<String, Object> output = new LinkedHashMap<>(items);
    if (page.nextToken() != null) {
      output.put("nextToken", page.nextToken());
    }
    return output;
  }
}
