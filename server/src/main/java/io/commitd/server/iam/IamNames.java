package io.commitd.server.iam;

import io.commitd.iam.identity.IamErrors;
import io.commitd.iam.policy.MalformedPolicyDocumentException;
import io.commitd.iam.policy.PolicyDocument;
import io.commitd.storage.errors.AwsException;
import java.util.Map;
import java.util.regex.Pattern;

/** IAM's validation of names, paths, tags and policy documents, with its error codes. */
final class IamNames {
  private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]+");
  private static final Pattern PATH = Pattern.compile("(/[\\x21-\\x7E&&[^/]]+)*/");

  private IamNames() {}

  static String name(String value, String field, int max) {
    if (value.length() > max || !NAME.matcher(value).matches()) {
      throw IamErrors.validation("1 validation error detected: Value '" + value + "' at '" + field
          + "' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+ and have length less than or equal to " + max);
    }
    return value;
  }

  static String path(String value) {
    if (value == null) {
      return "/";
    }
    if (value.length() > 512 || !PATH.matcher(value).matches()) {
      throw IamErrors.validation("The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.");
    }
    return value;
  }

  static Map<String, String> tags(Map<String, String> tags) {
    if (tags.size() > 50) {
      throw IamErrors.limitExceeded("The number of tags has reached the maximum limit.");
    }
    tags.forEach((key, value) -> {
      if (key.isEmpty() || key.length() > 128 || value.length() > 256) {
        throw IamErrors.invalidInput("Tag keys must be 1 to 128 characters and values at most 256 characters.");
      }
      if (key.toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
        throw IamErrors.invalidInput("The tag key 'aws:' prefix is reserved.");
      }
    });
    return tags;
  }

  /** The document when it parses as a permissions policy; {@code MalformedPolicyDocument} otherwise. */
  static String permissionsPolicy(String document) {
    try {
      PolicyDocument.parse(document);
      return document;
    } catch (MalformedPolicyDocumentException e) {
      throw IamErrors.malformedPolicy(e.getMessage());
    }
  }

  static String trustPolicy(String document) {
    try {
      PolicyDocument.parseTrustPolicy(document);
      return document;
    } catch (MalformedPolicyDocumentException e) {
      throw IamErrors.malformedPolicy(e.getMessage());
    }
  }

  static String status(String value) {
    if (!"Active".equals(value) && !"Inactive".equals(value)) {
      throw IamErrors.validation("1 validation error detected: Value '" + value
          + "' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]");
    }
    return value;
  }

  static AwsException noSuchPolicy(String arn) {
    return IamErrors.noSuchEntity("Policy " + arn + " does not exist or is not attachable.");
  }
}
