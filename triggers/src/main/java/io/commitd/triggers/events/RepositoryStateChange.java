package io.commitd.triggers.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * The detail of "CodeCommit Repository State Change". Absent values are left out: a created
 * reference has no {@code oldCommitId}, a deleted one no {@code commitId}, and only merges
 * made through the API carry the merge fields.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder(alphabetic = true)
public record RepositoryStateChange(
        RepositoryEventType event,
        String repositoryName,
        String repositoryId,
        ReferenceType referenceType,
        String referenceName,
        String referenceFullName,
        String commitId,
        String oldCommitId,
        String baseCommitId,
        String sourceCommitId,
        String destinationCommitId,
        String mergeOption,
        String conflictDetailsLevel,
        String conflictResolutionStrategy,
        String callerUserArn) implements EventDetail {

    public static final String DETAIL_TYPE = "CodeCommit Repository State Change";

    public RepositoryStateChange {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(repositoryName, "repositoryName");
        Objects.requireNonNull(repositoryId, "repositoryId");
    }

    @Override
    public String detailType() {
        return DETAIL_TYPE;
    }

    public static RepositoryStateChange referenceCreated(RepositoryIdentity repository, String referenceFullName,
            String commitId, String callerUserArn) {
        return reference(RepositoryEventType.REFERENCE_CREATED, repository, referenceFullName,
                Objects.requireNonNull(commitId, "commitId"), null, callerUserArn);
    }

    public static RepositoryStateChange referenceUpdated(RepositoryIdentity repository, String referenceFullName,
            String oldCommitId, String commitId, String callerUserArn) {
        return reference(RepositoryEventType.REFERENCE_UPDATED, repository, referenceFullName,
                Objects.requireNonNull(commitId, "commitId"), Objects.requireNonNull(oldCommitId, "oldCommitId"),
                callerUserArn);
    }

    public static RepositoryStateChange referenceDeleted(RepositoryIdentity repository, String referenceFullName,
            String oldCommitId, String callerUserArn) {
        return reference(RepositoryEventType.REFERENCE_DELETED, repository, referenceFullName,
                null, Objects.requireNonNull(oldCommitId, "oldCommitId"), callerUserArn);
    }

    /** A merge commit the API made without moving any reference (e.g. a squash merge's preview). */
    public static RepositoryStateChange unreferencedMergeCommitCreated(RepositoryIdentity repository,
            String commitId, MergeDetails merge, String callerUserArn) {
        return new RepositoryStateChange(RepositoryEventType.UNREFERENCED_MERGE_COMMIT_CREATED,
                repository.name(), repository.id(), null, null, null,
                Objects.requireNonNull(commitId, "commitId"), null, null, null, null, null, null, null, callerUserArn)
                .withMerge(merge);
    }

    /** This change with the fields of the API merge that caused it. */
    public RepositoryStateChange withMerge(MergeDetails merge) {
        return new RepositoryStateChange(event, repositoryName, repositoryId, referenceType, referenceName,
                referenceFullName, commitId, oldCommitId, merge.baseCommitId(), merge.sourceCommitId(),
                merge.destinationCommitId(), merge.mergeOption(), merge.conflictDetailsLevel(),
                merge.conflictResolutionStrategy(), callerUserArn);
    }

    private static RepositoryStateChange reference(RepositoryEventType event, RepositoryIdentity repository,
            String referenceFullName, String commitId, String oldCommitId, String callerUserArn) {
        ReferenceType type = ReferenceType.of(referenceFullName).orElseThrow(() -> new IllegalArgumentException(
                "CodeCommit reports only branches and tags, not " + referenceFullName));
        String shortName = referenceFullName.substring(type.refPrefix().length());
        return new RepositoryStateChange(event, repository.name(), repository.id(), type, shortName,
                referenceFullName, commitId, oldCommitId, null, null, null, null, null, null, callerUserArn);
    }
}
