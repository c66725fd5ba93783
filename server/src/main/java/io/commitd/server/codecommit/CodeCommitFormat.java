package io.commitd.server.codecommit;

import io.commitd.server.api.AwsJsonFormat;
import io.commitd.server.api.OperationRegistry;

/** CodeCommit's wire format: AWS JSON 1.1 with {@code X-Amz-Target: CodeCommit_20150413.<Operation>}. */
public final class CodeCommitFormat {
  static final String TARGET_PREFIX = "CodeCommit_20150413";

  private CodeCommitFormat() {}

  public static AwsJsonFormat of(OperationRegistry<OperationRequest> operations) {
    return new AwsJsonFormat(TARGET_PREFIX, "codecommit", operations);
  }
}
