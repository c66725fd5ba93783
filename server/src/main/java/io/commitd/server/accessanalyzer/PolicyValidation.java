package io.commitd.server.accessanalyzer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.commitd.iam.policy.PolicyValidator;
import io.commitd.iam.policy.PolicyValidator.Finding;
import io.commitd.iam.policy.PolicyValidator.Location;
import io.commitd.iam.policy.PolicyValidator.PathElement;
import io.commitd.iam.policy.PolicyValidator.PolicyType;
import io.commitd.iam.policy.PolicyValidator.Position;
import io.commitd.server.api.Json;
import io.commitd.server.api.OperationRegistry;
import io.commitd.server.codecommit.Operation;
import io.commitd.server.codecommit.OperationRequest;
import io.commitd.storage.errors.AwsException;
import java.util.List;

/** Access Analyzer's {@code ValidatePolicy}, authorized as {@code access-analyzer:ValidatePolicy} on {@code *}. */
public final class PolicyValidation {
  private final PolicyValidator validator;

  public PolicyValidation(PolicyValidator validator) {
    this.validator = validator;
  }

  public void register(OperationRegistry<OperationRequest> registry) {
    registry.add("ValidatePolicy", Operation.on(request -> "*", this::validatePolicy));
  }

  private ObjectNode validatePolicy(OperationRequest request) {
    String document = request.input().string("policyDocument");
    String type = request.input().string("policyType");
    if (document == null || type == null) {
      throw AwsException.badRequest("ValidationException", "policyDocument and policyType are required.");
    }
    PolicyType policyType;
    try {
      policyType = PolicyType.valueOf(type);
    } catch (IllegalArgumentException e) {
      throw AwsException.badRequest("ValidationException", "Invalid policyType: " + type);
    }
    ObjectNode output = Json.MAPPER.createObjectNode();
    ArrayNode findings = output.putArray("findings");
    validator.validate(document, policyType).forEach(f -> findings.add(json(f)));
    return output;
  }

  static ObjectNode json(Finding finding) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("findingDetails", finding.findingDetails());
    node.put("findingType", finding.findingType());
    node.put("issueCode", finding.issueCode());
    node.put("learnMoreLink", finding.learnMoreLink());
    ArrayNode locations = node.putArray("locations");
    for (Location location : finding.locations()) {
      ObjectNode at = locations.addObject();
      ArrayNode path = at.putArray("path");
      for (PathElement element : location.path()) {
        ObjectNode step = path.addObject();
        if (element.value() != null) {
          step.put("value", element.value());
        } else if (element.index() != null) {
          step.put("index", element.index());
        } else {
          step.put("key", element.key());
        }
      }
      ObjectNode span = at.putObject("span");
      position(span.putObject("start"), location.start());
      position(span.putObject("end"), location.end());
    }
    return node;
  }

  private static void position(ObjectNode node, Position position) {
    node.put("line", position.line());
    node.put("column", position.column());
    node.put("offset", position.offset());
  }

  /** One line per finding, for logs: "ERROR MISSING_QUALIFIER at Statement[0].Condition…: details". */
  public static List<String> describe(List<Finding> findings) {
    return findings.stream().map(f -> f.findingType() + " " + f.issueCode() + " at " + pathText(f) + ": " + f.findingDetails()).toList();
  }

  private static String pathText(Finding finding) {
    StringBuilder text = new StringBuilder();
    for (PathElement element : finding.locations().isEmpty() ? List.<PathElement>of() : finding.locations().get(0).path()) {
      if (element.index() != null) {
        text.append('[').append(element.index()).append(']');
      } else {
        text.append(text.length() == 0 ? "" : ".").append(element.value() != null ? element.value() : element.key());
      }
    }
    return text.length() == 0 ? "the document" : text.toString();
  }
}
