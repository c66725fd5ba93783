package io.commitd.server.codecommit;

import static org.assertj.core.api.Assertions.assertThat;

import io.commitd.server.testing.CodeCommitModel;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** The model check that every integration test's server runs on close, and what it reads. */
class CodeCommitModelTest {
  private final CodeCommitModel model = CodeCommitModel.installed();

  @Test
  void theInstalledModelHasEveryCodeCommitOperation() {
    assertThat(model.operations()).hasSize(79).contains("GetRepository", "MergePullRequestByThreeWay");
    assertThat(model.errorsOf("GetRepository")).contains("RepositoryDoesNotExistException");
  }

  @Test
  void anErrorTheModelDoesNotListForItsOperationIsReported() {
    SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    count(metrics, "GetRepository", "RepositoryDoesNotExistException");
    count(metrics, "GetRepository", "AccessDeniedException");
    count(metrics, "GetRepository", "OK");
    count(metrics, "DeleteRepository", "BranchDoesNotExistException");

    assertThat(model.unlistedErrors(metrics)).containsExactly("DeleteRepository: BranchDoesNotExistException");
  }

  private static void count(SimpleMeterRegistry metrics, String operation, String outcome) {
    Timer.builder("commitd.api.requests").tags("service", "codecommit", "operation", operation, "outcome", outcome)
        .register(metrics).record(java.time.Duration.ofMillis(1));
  }
}
