package io.commitd.triggers.config;

/** The error codes PutRepositoryTriggers and TestRepositoryTriggers return for a bad trigger list. */
public final class TriggerErrorCodes {

    public static final String TRIGGERS_LIST_REQUIRED = "RepositoryTriggersListRequiredException";
    public static final String MAXIMUM_TRIGGERS_EXCEEDED = "MaximumRepositoryTriggersExceededException";
    public static final String NAME_REQUIRED = "RepositoryTriggerNameRequiredException";
    public static final String INVALID_NAME = "InvalidRepositoryTriggerNameException";
    public static final String DESTINATION_ARN_REQUIRED = "RepositoryTriggerDestinationArnRequiredException";
    public static final String INVALID_DESTINATION_ARN = "InvalidRepositoryTriggerDestinationArnException";
    public static final String INVALID_REGION = "InvalidRepositoryTriggerRegionException";
    public static final String INVALID_CUSTOM_DATA = "InvalidRepositoryTriggerCustomDataException";
    public static final String BRANCH_NAME_LIST_REQUIRED = "RepositoryTriggerBranchNameListRequiredException";
    public static final String MAXIMUM_BRANCHES_EXCEEDED = "MaximumBranchesExceededException";
    public static final String INVALID_BRANCH_NAME = "InvalidRepositoryTriggerBranchNameException";
    public static final String EVENTS_LIST_REQUIRED = "RepositoryTriggerEventsListRequiredException";
    public static final String INVALID_EVENTS = "InvalidRepositoryTriggerEventsException";

    private TriggerErrorCodes() {
    }
}
