package io.commitd.reviews;

import static io.commitd.reviews.ApprovalErrors.checked;

import io.commitd.approval.rules.ApprovalRuleContent;
import io.commitd.approval.rules.ApprovalRuleInputs;
import io.commitd.approval.rules.TemplateMatching;
import io.commitd.reviews.PullRequestStore.Outgoing;
import io.commitd.storage.aws.Arn;
import io.commitd.storage.errors.AwsException;
import io.commitd.storage.repos.RepositoryCatalog;
import io.commitd.storage.repos.RepositoryRecord;
import io.commitd.triggers.events.ApprovalRuleTemplateChange;
import io.commitd.triggers.events.ApprovalRuleTemplateEventType;
import io.commitd.triggers.events.EventTimes;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Approval rule templates: their life, their associations with repositories, and the rules they
 * give each new pull request whose destination they match ({@link NewPullRequestRules}).
 *
 * <p>Events about a template that concern no one repository go to the outbox with an empty
 * repository id.
 */
public final class ApprovalRuleTemplates implements NewPullRequestRules {
  /** CodeCommit's quota of approval rule templates per account and region. */
  public static final int MAX_TEMPLATES = 1000;
  /** CodeCommit's quota of templates associated with one repository. */
  public static final int MAX_PER_REPOSITORY = 25;

  private final ApprovalRuleTemplateStore store;
  private final RepositoryCatalog catalog;
  private final String region;
  private final Clock clock;

  public ApprovalRuleTemplates(ApprovalRuleTemplateStore store, RepositoryCatalog catalog, String region, Clock clock) {
    this.store = store;
    this.catalog = catalog;
    this.region = region;
    this.clock = clock;
  }

  public ApprovalRuleTemplate create(String accountId, String name, String description, String content, String actorArn) {
    checked(() -> ApprovalRuleInputs.requireValidTemplateName(name));
    ApprovalRuleContent parsed = checked(() -> ApprovalRuleContent.parse(content, ApprovalRuleContent.Kind.TEMPLATE));
    String validDescription = checked(() -> ApprovalRuleInputs.requireValidTemplateDescription(description));
    if (store.count(accountId) >= MAX_TEMPLATES) {
      throw AwsException.badRequest("NumberOfRuleTemplatesExceededException",
          "The maximum number of approval rule templates (" + MAX_TEMPLATES + ") has been reached for this AWS Region.");
    }
    Instant now = clock.instant();
    ApprovalRuleTemplate template = new ApprovalRuleTemplate(UUID.randomUUID().toString(), accountId, name,
        validDescription, parsed.text(), parsed.sha256(), now, now, actorArn);
    try {
      store.create(template, List.of(event(template, ApprovalRuleTemplateEventType.CREATED, actorArn, Map.of())));
    } catch (ApprovalRuleTemplateStore.NameTakenException e) {
      throw nameTaken(name);
    }
    return template;
  }

  /** The template, or {@code ApprovalRuleTemplateDoesNotExistException}. */
  public ApprovalRuleTemplate require(String accountId, String name) {
    checked(() -> ApprovalRuleInputs.requireValidTemplateName(name));
    return store.find(accountId, name).orElseThrow(() -> AwsException.badRequest("ApprovalRuleTemplateDoesNotExistException",
        "The specified approval rule template does not exist: " + name));
  }

  public List<String> names(String accountId) {
    return store.names(accountId);
  }

  public ApprovalRuleTemplate rename(String accountId, String oldName, String newName, String actorArn) {
    checked(() -> ApprovalRuleInputs.requireValidTemplateName(newName));
    ApprovalRuleTemplate current = require(accountId, oldName);
    if (!oldName.equals(newName) && store.find(accountId, newName).isPresent()) {
      throw nameTaken(newName);
    }
    try {
      return update(current, with(current, newName, current.description(), current.content(), current.contentSha256(),
          actorArn), actorArn);
    } catch (ApprovalRuleTemplateStore.NameTakenException e) {
      throw nameTaken(newName);
    }
  }

  public ApprovalRuleTemplate updateDescription(String accountId, String name, String description, String actorArn) {
    String validDescription = checked(() -> ApprovalRuleInputs.requireValidTemplateDescription(description));
    ApprovalRuleTemplate current = require(accountId, name);
    return update(current, with(current, name, validDescription, current.content(), current.contentSha256(), actorArn),
        actorArn);
  }

  /**
   * @param existingSha256 when given, the content the caller last saw: a different current content
   *     answers {@code InvalidRuleContentSha256Exception}
   */
  public ApprovalRuleTemplate updateContent(String accountId, String name, String content, String existingSha256,
      String actorArn) {
    ApprovalRuleTemplate current = require(accountId, name);
    ApprovalRuleContent parsed = checked(() -> ApprovalRuleContent.parse(content, ApprovalRuleContent.Kind.TEMPLATE));
    if (existingSha256 != null && !existingSha256.equals(current.contentSha256())) {
      throw staleSha();
    }
    ApprovalRuleTemplate updated = with(current, name, current.description(), parsed.text(), parsed.sha256(), actorArn);
    if (!store.update(current, updated, List.of(event(updated, ApprovalRuleTemplateEventType.UPDATED, actorArn, Map.of())))) {
      throw staleSha();
    }
    return updated;
  }

  /**
   * Deletes the template; CodeCommit answers an empty id for one that does not exist.
   *
   * @return the deleted template's id, or empty when there was none of that name
   */
  public Optional<String> delete(String accountId, String name, String actorArn) {
    checked(() -> ApprovalRuleInputs.requireValidTemplateName(name));
    Optional<ApprovalRuleTemplate> template = store.find(accountId, name);
    if (template.isEmpty()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    ApprovalRuleTemplate deleted = with(template.get(), name, template.get().description(), template.get().content(),
        template.get().contentSha256(), actorArn);
    if (!store.deleteUnused(template.get(), List.of(event(deleted, ApprovalRuleTemplateEventType.DELETED, actorArn, Map.of())),
        now)) {
      if (store.find(accountId, name).isEmpty()) {
        return Optional.empty();
      }
      throw AwsException.badRequest("ApprovalRuleTemplateInUseException",
          "The approval rule template is associated with one or more repositories. You cannot delete a template that is"
              + " associated with a repository. Remove all associations, and then try again.");
    }
    return Optional.of(template.get().templateId());
  }

  /**
   * Associates the template with each repository; a repository already associated counts as done.
   *
   * @param batch whether the call was a batch one: its event is named after the batch operation
   * @return the repositories that already had {@link #MAX_PER_REPOSITORY} other templates
   */
  public List<RepositoryRecord> associate(ApprovalRuleTemplate template, List<RepositoryRecord> repositories,
      String actorArn, boolean batch) {
    ApprovalRuleTemplateEventType type = batch ? ApprovalRuleTemplateEventType.BATCH_ASSOCIATED_WITH_REPOSITORIES
        : ApprovalRuleTemplateEventType.ASSOCIATED_WITH_REPOSITORY;
    ApprovalRuleTemplateStore.Associated result = store.associate(template.templateId(), ids(repositories),
        MAX_PER_REPOSITORY, added -> added.isEmpty() ? List.of()
            : List.of(event(template, type, actorArn, names(repositories, added))), clock.instant());
    return repositories.stream().filter(r -> result.atLimit().contains(r.repositoryId())).toList();
  }

  /** Removes the template's association with each repository; one not associated counts as done. */
  public void disassociate(ApprovalRuleTemplate template, List<RepositoryRecord> repositories, String actorArn,
      boolean batch) {
    ApprovalRuleTemplateEventType type = batch ? ApprovalRuleTemplateEventType.BATCH_DISASSOCIATED_FROM_REPOSITORIES
        : ApprovalRuleTemplateEventType.DISASSOCIATED_FROM_REPOSITORY;
    store.disassociate(template.templateId(), ids(repositories), removed -> removed.isEmpty() ? List.of()
        : List.of(event(template, type, actorArn, names(repositories, removed))), clock.instant());
  }

  /** Names of the templates associated with the repository, in order. */
  public List<String> namesAssociatedWith(RepositoryRecord repository) {
    return store.associatedWith(repository.repositoryId()).stream().map(ApprovalRuleTemplate::name).toList();
  }

  /** Names of the repositories the template is associated with, in order. */
  public List<String> repositoryNames(ApprovalRuleTemplate template) {
    return store.repositoryIds(template.templateId()).stream()
        .map(catalog::findById).flatMap(Optional::stream).map(RepositoryRecord::name).sorted().toList();
  }

  @Override
  public List<PullRequestApprovalRule> rulesFor(PullRequestRecord pullRequest, RepositoryRecord repository) {
    return store.associatedWith(repository.repositoryId()).stream()
        .filter(template -> TemplateMatching.appliesTo(
            ApprovalRuleContent.parse(template.content(), ApprovalRuleContent.Kind.TEMPLATE),
            pullRequest.destinationReference()))
        .map(template -> new PullRequestApprovalRule(UUID.randomUUID().toString(), pullRequest.pullRequestId(),
            template.name(), template.content(), template.contentSha256(), template.templateId(), template.name(),
            pullRequest.createdAt(), pullRequest.createdAt(), pullRequest.authorArn()))
        .toList();
  }

  // ----

  private ApprovalRuleTemplate update(ApprovalRuleTemplate current, ApprovalRuleTemplate updated, String actorArn) {
    if (!store.update(current, updated, List.of(event(updated, ApprovalRuleTemplateEventType.UPDATED, actorArn, Map.of())))) {
      throw new AwsException("ConcurrentReferenceUpdateException", 400,
          "The approval rule template changed at the same time. Try again.");
    }
    return updated;
  }

  private ApprovalRuleTemplate with(ApprovalRuleTemplate t, String name, String description, String content, String sha256,
      String actorArn) {
    return new ApprovalRuleTemplate(t.templateId(), t.accountId(), name, description, content, sha256, t.createdAt(),
        clock.instant(), actorArn);
  }

  private Outgoing event(ApprovalRuleTemplate template, ApprovalRuleTemplateEventType type, String actorArn,
      Map<String, String> repositories) {
    ApprovalRuleTemplateChange detail = new ApprovalRuleTemplateChange(type, template.contentSha256(),
        template.templateId(), template.name(), actorArn, EventTimes.detailDate(template.createdAt()),
        EventTimes.detailDate(template.lastModifiedAt()), null, repositories);
    String repositoryId = repositories.isEmpty() ? "" : catalog.findByName(template.accountId(),
        repositories.keySet().iterator().next()).map(RepositoryRecord::repositoryId).orElse("");
    List<String> resources = repositories.keySet().stream()
        .map(name -> Arn.repository(region, template.accountId(), name).toString()).toList();
    return new Outgoing(template.accountId(), repositoryId, OutboxEvents.payload(detail, resources));
  }

  private static Map<String, String> names(List<RepositoryRecord> repositories, List<String> ids) {
    Map<String, String> byName = new LinkedHashMap<>();
    for (RepositoryRecord repository : repositories) {
      if (ids.contains(repository.repositoryId())) {
        byName.put(repository.name(), repository.repositoryId());
      }
    }
    return byName;
  }

  private static List<String> ids(List<RepositoryRecord> repositories) {
    return repositories.stream().map(RepositoryRecord::repositoryId).distinct().toList();
  }

  private static AwsException nameTaken(String name) {
    return AwsException.badRequest("ApprovalRuleTemplateNameAlreadyExistsException",
        "You cannot create an approval rule template with that name because a template with that name already exists in"
            + " this AWS Region for your AWS account: " + name);
  }

  private static AwsException staleSha() {
    return AwsException.badRequest("InvalidRuleContentSha256Exception",
        "The SHA-256 hash signature for the rule content is not valid.");
  }
}
