package io.commitd.iam.policy;

/** The question a policy evaluation answers: may this principal do this action on this resource, now? */
public record AuthorizationRequest(String principalArn, String action, String resource, RequestContext context) {}
