package io.commitd.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * botocore's CodeCommit service model, as installed with the {@code aws} CLI: the specification
 * of every operation's errors.
 */
public final class CodeCommitModel {
  /** Errors every AWS JSON operation may answer, which models do not list per operation. */
  static final Set<String> COMMON_ERRORS = Set.of(
      "OK", "AccessDeniedException", "InternalFailure", "ServiceUnavailable", "ThrottlingException",
      "SerializationException", "UnknownOperationException", "MissingAuthenticationTokenException",
      "IncompleteSignatureException", "UnrecognizedClientException", "ExpiredTokenException",
      "InvalidSignatureException", "InvalidClientTokenId", "ValidationException");

  /**
   * commitd's one deliberate extension: the approval gate protects refs tagged
   * {@code commitd:protected-refs} from every writer, and refuses with the error CodeCommit uses for
   * unsatisfied approval rules, which the model lists only for the pull-request merges.
   */
  static final String GATE_REFUSAL = "PullRequestApprovalRulesNotSatisfiedException";
  static final Set<String> REF_MOVING_OPERATIONS = Set.of(
      "PutFile", "DeleteFile", "CreateCommit", "CreateBranch", "DeleteBranch", "MergeBranchesByFastForward",
      "MergeBranchesBySquash", "MergeBranchesByThreeWay");

  private static CodeCommitModel installed;

  private final Map<String, Set<String>> errorsByOperation;

  private CodeCommitModel(Map<String, Set<String>> errorsByOperation) {
    this.errorsByOperation = errorsByOperation;
  }

  /** The model shipped with the installed botocore. */
  public static synchronized CodeCommitModel installed() {
    if (installed == null) {
      installed = load(botocoreData().resolve("codecommit/2015-04-13/service-2.json.gz"));
    }
    return installed;
  }

  public Set<String> operations() {
    return errorsByOperation.keySet();
  }

  public Set<String> errorsOf(String operation) {
    return errorsByOperation.getOrDefault(operation, Set.of());
  }

  /** {@code Operation: Code} for every CodeCommit answer the registry counted that the model does not allow. */
  public List<String> unlistedErrors(MeterRegistry metrics) {
    List<String> violations = new ArrayList<>();
    for (Timer timer : metrics.find("commitd.api.requests").tag("service", "codecommit").timers()) {
      String operation = timer.getId().getTag("operation");
      String outcome = timer.getId().getTag("outcome");
      if (operation == null || operation.equals("unknown") || COMMON_ERRORS.contains(outcome)) {
        continue;
      }
      if (outcome.equals(GATE_REFUSAL) && REF_MOVING_OPERATIONS.contains(operation)) {
        continue;
      }
      if (!errorsOf(operation).contains(outcome)) {
        violations.add(operation + ": " + outcome);
      }
    }
    return violations;
  }

  private static CodeCommitModel load(Path file) {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      JsonNode model = new ObjectMapper().readTree(in);
      Map<String, Set<String>> errors = new HashMap<>();
      model.get("operations").fields().forEachRemaining(operation -> {
        Set<String> names = new HashSet<>();
        operation.getValue().path("errors").forEach(error -> names.add(error.get("shape").asText()));
        errors.put(operation.getKey(), Set.copyOf(names));
      });
      return new CodeCommitModel(Map.copyOf(errors));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read botocore's CodeCommit model at " + file, e);
    }
  }

  private static Path botocoreData() {
    try {
      Process python = new ProcessBuilder("python3", "-c", "import botocore,os;print(os.path.dirname(botocore.__file__))")
          .redirectErrorStream(true).start();
      String directory = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (python.waitFor() != 0) {
        throw new IllegalStateException("botocore is not installed (it comes with the aws CLI): " + directory);
      }
      return Path.of(directory, "data");
    } catch (IOException e) {
      throw new IllegalStateException("cannot run python3 to find botocore", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
