package io.commitd.triggers.events;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The {@code event} values under "CodeCommit Approval Rule Template Change", spelt as the
 * documented examples spell them; note the batch events read as operation names.
 */
public enum ApprovalRuleTemplateEventType {
    CREATED("approvalRuleTemplateCreated"),
    UPDATED("approvalRuleTemplateUpdated"),
    DELETED("approvalRuleTemplateDeleted"),
    ASSOCIATED_WITH_REPOSITORY("approvalRuleTemplateAssociatedWithRepository"),
    DISASSOCIATED_FROM_REPOSITORY("approvalRuleTemplateDisassociatedFromRepository"),
    BATCH_ASSOCIATED_WITH_REPOSITORIES("batchAssociateApprovalRuleTemplateWithRepositories"),
    BATCH_DISASSOCIATED_FROM_REPOSITORIES("batchDisassociateApprovalRuleTemplateFromRepositories");

    private final String wireName;

    ApprovalRuleTemplateEventType(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }
}
