package io.commitd.triggers.config;

import static io.commitd.triggers.config.TriggerErrorCodes.BRANCH_NAME_LIST_REQUIRED;
import static io.commitd.triggers.config.TriggerErrorCodes.DESTINATION_ARN_REQUIRED;
import static io.commitd.triggers.config.TriggerErrorCodes.EVENTS_LIST_REQUIRED;
import static io.commitd.triggers.config.TriggerErrorCodes.INVALID_BRANCH_NAME;
import static io.commitd.triggers.config.TriggerErrorCodes.INVALID_CUSTOM_DATA;
import static io.commitd.triggers.config.TriggerErrorCodes.INVALID_DESTINATION_ARN;
import static io.commitd.triggers.config.TriggerErrorCodes.INVALID_EVENTS;
import static io.commitd.triggers.config.TriggerErrorCodes.INVALID_NAME;
import static io.commitd.triggers.config.TriggerErrorCodes.INVALID_REGION;
import static io.commitd.triggers.config.TriggerErrorCodes.MAXIMUM_BRANCHES_EXCEEDED;
import static io.commitd.triggers.config.TriggerErrorCodes.MAXIMUM_TRIGGERS_EXCEEDED;
import static io.commitd.triggers.config.TriggerErrorCodes.NAME_REQUIRED;
import static io.commitd.triggers.config.TriggerErrorCodes.TRIGGERS_LIST_REQUIRED;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a PutRepositoryTriggers (or TestRepositoryTriggers) trigger list and throws the
 * first problem as CodeCommit's error code. Triggers are checked in order, each field in the
 * order of the {@code RepositoryTrigger} shape: name, destination, custom data, branches, events.
 */
public final class TriggerValidator {

    public static final int MAX_TRIGGERS = 10;
    public static final int MAX_BRANCHES = 100;
    public static final int MAX_CUSTOM_DATA_LENGTH = 1000;
    /** CodeCommit does not publish a limit; 100 matches its console and keeps names readable in payloads. */
    public static final int MAX_NAME_LENGTH = 100;

    private final String serverRegion;

    /** @param serverRegion the region this server claims to be, which ARN destinations must share */
    public TriggerValidator(String serverRegion) {
        this.serverRegion = Objects.requireNonNull(serverRegion, "serverRegion");
    }

    /** Validates a whole trigger list; an empty list is valid (it removes every trigger). */
    public void validate(List<RepositoryTrigger> triggers) {
        if (triggers == null) {
            throw new TriggerValidationException(TRIGGERS_LIST_REQUIRED, "A list of triggers is required.");
        }
        if (triggers.size() > MAX_TRIGGERS) {
            throw new TriggerValidationException(MAXIMUM_TRIGGERS_EXCEEDED,
                    "The number of triggers exceeds the maximum of " + MAX_TRIGGERS + ": " + triggers.size());
        }
        Set<String> names = new HashSet<>();
        for (RepositoryTrigger trigger : triggers) {
            validate(trigger);
            // Triggers are addressed by name (eventTriggerName, failedExecutions); two with one name could not be told apart.
            if (!names.add(trigger.name())) {
                throw new TriggerValidationException(INVALID_NAME, "Trigger names must be unique: " + trigger.name());
            }
        }
    }

    /** Validates one trigger on its own. */
    public void validate(RepositoryTrigger trigger) {
        if (trigger == null) {
            throw new TriggerValidationException(NAME_REQUIRED, "A trigger name is required.");
        }
        validateName(trigger.name());
        validateDestination(trigger.destinationArn());
        validateCustomData(trigger.customData());
        validateBranches(trigger.branches());
        validateEvents(trigger.events());
    }

    private static void validateName(String name) {
        if (name == null || name.isEmpty()) {
            throw new TriggerValidationException(NAME_REQUIRED, "A trigger name is required.");
        }
        boolean hasControl = name.chars().anyMatch(Character::isISOControl);
        if (name.isBlank() || name.length() > MAX_NAME_LENGTH || hasControl) {
            throw new TriggerValidationException(INVALID_NAME, "The trigger name is not valid: " + name);
        }
    }

    private void validateDestination(String destinationArn) {
        if (destinationArn == null || destinationArn.isEmpty()) {
            throw new TriggerValidationException(DESTINATION_ARN_REQUIRED, "A destination ARN is required.");
        }
        TriggerDestination destination = TriggerDestination.parse(destinationArn)
                .orElseThrow(() -> new TriggerValidationException(INVALID_DESTINATION_ARN,
                        "The destination is not an SNS topic ARN, a Lambda function ARN or an http(s) URL: "
                                + destinationArn));
        Optional<String> region = destination.awsRegion();
        if (region.isPresent() && !region.get().equals(serverRegion)) {
            throw new TriggerValidationException(INVALID_REGION, "The destination is in region " + region.get()
                    + " but the repository is in " + serverRegion + ": " + destinationArn);
        }
    }

    private static void validateCustomData(String customData) {
        if (customData != null && customData.codePointCount(0, customData.length()) > MAX_CUSTOM_DATA_LENGTH) {
            throw new TriggerValidationException(INVALID_CUSTOM_DATA,
                    "Custom data must be at most " + MAX_CUSTOM_DATA_LENGTH + " characters.");
        }
    }

    private static void validateBranches(List<String> branches) {
        if (branches == null) {
            throw new TriggerValidationException(BRANCH_NAME_LIST_REQUIRED,
                    "A branch list is required; an empty list means all branches.");
        }
        if (branches.size() > MAX_BRANCHES) {
            throw new TriggerValidationException(MAXIMUM_BRANCHES_EXCEEDED,
                    "The number of branches exceeds the maximum of " + MAX_BRANCHES + ": " + branches.size());
        }
        for (String branch : branches) {
            if (!BranchNames.isValid(branch)) {
                throw new TriggerValidationException(INVALID_BRANCH_NAME, "The branch name is not valid: " + branch);
            }
        }
    }

    private static void validateEvents(List<String> events) {
        if (events == null || events.isEmpty()) {
            throw new TriggerValidationException(EVENTS_LIST_REQUIRED, "At least one trigger event is required.");
        }
        for (String event : events) {
            if (TriggerEvent.fromWireName(event).isEmpty()) {
                throw new TriggerValidationException(INVALID_EVENTS, "The trigger event is not valid: " + event
                        + "; use all, updateReference, createReference or deleteReference.");
            }
        }
        if (events.contains(TriggerEvent.ALL.wireName()) && events.size() > 1) {
            throw new TriggerValidationException(INVALID_EVENTS,
                    "The event \"all\" cannot be combined with other events.");
        }
    }
}
