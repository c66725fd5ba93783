package io.commitd.iam.auth;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The global condition keys ({@code aws:…}) of a request, from its caller and its transport
 * facts. Operation-specific keys such as {@code codecommit:References} are added by the caller
 * of {@link AccessControl}.
 */
public final class GlobalConditionKeys {
  private GlobalConditionKeys() {}

  public static Map<String, List<String>> of(Caller caller, RequestFacts facts) {
    Map<String, List<String>> keys = new LinkedHashMap<>();
    if (facts.sourceIp() != null) {
      keys.put("aws:SourceIp", List.of(facts.sourceIp()));
    }
    keys.put("aws:SecureTransport", List.of(Boolean.toString(facts.secureTransport())));
    if (facts.userAgent() != null) {
      keys.put("aws:UserAgent", List.of(facts.userAgent()));
    }
    keys.put("aws:CurrentTime", List.of(DateTimeFormatter.ISO_INSTANT.format(facts.receivedAt())));
    keys.put("aws:EpochTime", List.of(Long.toString(facts.receivedAt().getEpochSecond())));
    keys.put("aws:PrincipalArn", List.of(caller.principalArn()));
    keys.put("aws:PrincipalAccount", List.of(caller.accountId()));
    keys.put("aws:userid", List.of(caller.userId()));
    if (caller.userName() != null) {
      keys.put("aws:username", List.of(caller.userName()));
    }
    keys.put("aws:PrincipalType", List.of(principalType(caller.type())));
    if (caller.sessionId() != null || caller.type() == PrincipalType.ASSUMED_ROLE) {
      // AWS sets the MFA keys only for temporary credentials; long-term keys leave them absent,
      // which is what makes BoolIfExists the documented way to require MFA.
      keys.put("aws:MultiFactorAuthPresent", List.of(Boolean.toString(caller.mfaPresent())));
      if (caller.mfaPresent()) {
        long age = Duration.between(caller.mfaAuthenticatedAt(), facts.receivedAt()).toSeconds();
        keys.put("aws:MultiFactorAuthAge", List.of(Long.toString(Math.max(0, age))));
      }
    }
    return keys;
  }

  private static String principalType(PrincipalType type) {
    return switch (type) {
      case ROOT -> "Account";
      case USER -> "User";
      case ASSUMED_ROLE -> "AssumedRole";
      case USER_SESSION -> "User";
    };
  }
}
