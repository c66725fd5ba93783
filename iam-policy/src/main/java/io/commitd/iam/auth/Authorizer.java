package io.commitd.iam.auth;

import java.util.List;
import java.util.Map;

/**
 * The one authorization seam: may this caller perform this action on this resource, in this
 * request context? Every API call and every ref update asks it; nothing else decides access.
 */
@FunctionalInterface
public interface Authorizer {

  /**
   * @param action e.g. {@code codecommit:GetRepository}
   * @param resourceArn the resource's ARN, or {@code *} for account-level actions
   * @param context condition keys of the request ({@code aws:SourceIp}, {@code
   *     codecommit:References}, …) and their values
   */
  AuthorizationResult authorize(Caller caller, String action, String resourceArn, Map<String, List<String>> context);
}
