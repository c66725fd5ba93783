package io.commitd.server.codecommit.data;

import io.commitd.iam.auth.Caller;
import io.commitd.storage.errors.AwsException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * Who a commit made through the API is by: the name and email of the request, or else the
 * caller's identity (IAM user name, role session name, or the account's root), dated at the
 * request's time.
 */
public final class CommitIdentity {
  static final int MAX_NAME = 1024;
  static final int MAX_MESSAGE = 100 * 1024;
  private static final Pattern EMAIL = Pattern.compile("[^@\\s<>]+@[^@\\s<>]+");

  private CommitIdentity() {}

  public static PersonIdent of(Caller caller, String name, String email, Instant at) {
    if (name != null && name.length() > MAX_NAME) {
      throw AwsException.badRequest("NameLengthExceededException", "The user name is not valid because it has exceeded the character limit for author names.");
    }
    if (email != null && !email.isEmpty() && !EMAIL.matcher(email).matches()) {
      throw AwsException.badRequest("InvalidEmailException", "The specified email address either contains one or more characters that are not allowed, or it exceeds the maximum number of characters allowed for an email address.");
    }
    String effectiveName = name != null && !name.isBlank() ? name : defaultName(caller);
    return new PersonIdent(effectiveName, email == null ? "" : email, at, ZoneOffset.UTC);
  }

  public static String message(String message, String fallback) {
    if (message != null && message.length() > MAX_MESSAGE) {
      throw AwsException.badRequest("CommitMessageLengthExceededException", "The commit message is too long. Provide a shorter string.");
    }
    return message == null || message.isEmpty() ? fallback : message;
  }

  private static String defaultName(Caller caller) {
    if (caller.userName() != null) {
      return caller.userName();
    }
    String arn = caller.principalArn();
    return arn.substring(arn.lastIndexOf(arn.contains("/") ? '/' : ':') + 1);
  }
}
