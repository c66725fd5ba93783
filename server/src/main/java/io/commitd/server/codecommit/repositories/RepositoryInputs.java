package io.commitd.server.codecommit.repositories;

import io.commitd.storage.errors.AwsException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Validation of repository descriptions, tags and KMS key ids, with CodeCommit's errors. */
final class RepositoryInputs {
  static final int MAX_TAGS = 50;
  /** CodeCommit encrypts with this AWS managed key when the caller names none. */
  static final String DEFAULT_KMS_KEY = "alias/aws/codecommit";
  private static final Pattern KMS_KEY_ID = Pattern.compile("^[a-zA-Z0-9:/_-]+$");

  private RepositoryInputs() {}

  static String description(String description) {
    if (description != null && description.length() > 1000) {
      throw AwsException.badRequest(
          "InvalidRepositoryDescriptionException",
          "The repository description is not valid. Descriptions can be no more than 1,000 characters.");
    }
    return description;
  }

  static String kmsKeyId(String kmsKeyId) {
    if (kmsKeyId != null && (kmsKeyId.isEmpty() || !KMS_KEY_ID.matcher(kmsKeyId).matches())) {
      throw AwsException.badRequest("EncryptionKeyInvalidIdException", "The Key Management Service encryption key is not valid.");
    }
    return kmsKeyId;
  }

  static Map<String, String> tags(Map<String, String> tags, int alreadyThere) {
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      String key = tag.getKey();
      if (key.isEmpty() || key.length() > 128 || tag.getValue().length() > 256) {
        throw AwsException.badRequest(
            "InvalidTagsMapException",
            "The map of tags is not valid: keys must be 1 to 128 characters and values at most 256 characters.");
      }
      if (key.toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
        throw AwsException.badRequest(
            "InvalidSystemTagUsageException", "The tag key '" + key + "' uses the reserved prefix aws:.");
      }
    }
    if (tags.size() + alreadyThere > MAX_TAGS) {
      throw AwsException.badRequest("TooManyTagsException", "The maximum number of tags for a repository is " + MAX_TAGS + ".");
    }
    return tags;
  }

  static List<String> tagKeys(List<String> keys) {
    for (String key : keys) {
      if (key.isEmpty() || key.length() > 128) {
        throw AwsException.badRequest("InvalidTagKeysListException", "The list of tag keys is not valid.");
      }
      if (key.toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
        throw AwsException.badRequest(
            "InvalidSystemTagUsageException", "The tag key '" + key + "' uses the reserved prefix aws:.");
      }
    }
    return keys;
  }
}
