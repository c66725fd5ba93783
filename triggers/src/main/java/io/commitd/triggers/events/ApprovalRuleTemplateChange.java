package io.commitd.triggers.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The detail of "CodeCommit Approval Rule Template Change". {@code repositories} maps the
 * names of the repositories an association event concerns to their ids, and is an empty object
 * for creation, update and deletion.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder(alphabetic = true)
public record ApprovalRuleTemplateChange(
        ApprovalRuleTemplateEventType event,
        String approvalRuleTemplateContentSha256,
        String approvalRuleTemplateId,
        String approvalRuleTemplateName,
        String callerUserArn,
        String creationDate,
        String lastModifiedDate,
        String notificationBody,
        Map<String, String> repositories) implements EventDetail {

    public static final String DETAIL_TYPE = "CodeCommit Approval Rule Template Change";

    public ApprovalRuleTemplateChange {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(approvalRuleTemplateId, "approvalRuleTemplateId");
        repositories = repositories == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(repositories));
    }

    @Override
    public String detailType() {
        return DETAIL_TYPE;
    }
}
