package io.commitd.iam.policy.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.commitd.iam.policy.AuthorizationRequest;
import io.commitd.iam.policy.Decision;
import io.commitd.iam.policy.MalformedPolicyDocumentException;
import io.commitd.iam.policy.PolicyDocument;
import io.commitd.iam.policy.PolicyEvaluator;
import io.commitd.iam.policy.PolicySet;
import io.commitd.iam.policy.RequestContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code commitd policy evaluate}: one JSON object on standard input —
 * {@code {"policies": {"identity": [...], "resource": doc|null, "boundary": doc|null, "session": doc|null},
 * "request": {"principal": "arn:…", "action": "…", "resource": "arn:…", "context": {...}}}} — and one
 * word on standard output: {@code Allow}, {@code ExplicitDeny} or {@code ImplicitDeny}.
 */
public final class PolicyEvaluateCommand {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PolicyEvaluator evaluator = new PolicyEvaluator();

  /** Returns 0 after printing the decision, 2 after printing why the input is not usable. */
  public int run(InputStream in, PrintStream out, PrintStream err) {
    try {
      JsonNode root = JSON.readTree(in);
      if (root == null || !root.isObject()) {
        throw new InvalidInput("input must be one JSON object with \"policies\" and \"request\"");
      }
      PolicySet policies = policies(root.get("policies"));
      AuthorizationRequest request = request(root.get("request"));
      Decision decision = evaluator.evaluate(policies, request);
      out.println(switch (decision.effect()) {
        case ALLOW -> "Allow";
        case EXPLICIT_DENY -> "ExplicitDeny";
        case IMPLICIT_DENY -> "ImplicitDeny";
      });
      return 0;
    } catch (JsonProcessingException e) {
      err.println("policy evaluate: input is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      err.println("policy evaluate: could not read standard input: " + e.getMessage());
    } catch (InvalidInput e) {
      err.println("policy evaluate: " + e.getMessage());
    } catch (MalformedPolicyDocumentException e) {
      err.println("policy evaluate: malformed policy document: " + e.getMessage());
    }
    return 2;
  }

  private static PolicySet policies(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new InvalidInput("\"policies\" must be an object");
    }
    List<PolicyDocument> identity = new ArrayList<>();
    JsonNode identityNode = node.get("identity");
    if (identityNode != null && !identityNode.isNull()) {
      if (!identityNode.isArray()) {
        throw new InvalidInput("\"policies.identity\" must be an array of policy documents");
      }
      for (JsonNode document : identityNode) {
        identity.add(PolicyDocument.parse(documentText(document, "policies.identity")));
      }
    }
    PolicyDocument resource = optional(node.get("resource"), "policies.resource", true);
    PolicyDocument boundary = optional(node.get("boundary"), "policies.boundary", false);
    PolicyDocument session = optional(node.get("session"), "policies.session", false);
    return new PolicySet(identity, resource, boundary, session == null ? List.of() : List.of(session));
  }

  private static PolicyDocument optional(JsonNode node, String field, boolean resourcePolicy) {
    if (node == null || node.isNull()) {
      return null;
    }
    String text = documentText(node, field);
    return resourcePolicy ? PolicyDocument.parseResourcePolicy(text) : PolicyDocument.parse(text);
  }

  /** A policy given as a JSON object, or as a string holding one. */
  private static String documentText(JsonNode node, String field) {
    if (node.isObject()) {
      return node.toString();
    }
    if (node.isTextual()) {
      return node.asText();
    }
    throw new InvalidInput("\"" + field + "\" must hold policy documents (objects or JSON strings)");
  }

  private static AuthorizationRequest request(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new InvalidInput("\"request\" must be an object");
    }
    String principal = requiredText(node, "principal");
    String action = requiredText(node, "action");
    String resource = requiredText(node, "resource");
    RequestContext.Builder context = RequestContext.builder();
    JsonNode contextNode = node.get("context");
    if (contextNode != null && !contextNode.isNull()) {
      if (!contextNode.isObject()) {
        throw new InvalidInput("\"request.context\" must be an object");
      }
      for (Iterator<Map.Entry<String, JsonNode>> fields = contextNode.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        context.put(field.getKey(), contextValues(field.getKey(), field.getValue()));
      }
    }
    return new AuthorizationRequest(principal, action, resource, context.build());
  }

  private static List<String> contextValues(String key, JsonNode value) {
    if (value.isArray()) {
      List<String> values = new ArrayList<>();
      for (JsonNode item : value) {
        values.add(scalar(key, item));
      }
      return values;
    }
    return List.of(scalar(key, value));
  }

  private static String scalar(String key, JsonNode value) {
    if (value.isTextual() || value.isNumber() || value.isBoolean()) {
      return value.asText();
    }
    throw new InvalidInput("context key \"" + key + "\" must be a string or a list of strings");
  }

  private static String requiredText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      throw new InvalidInput("\"request." + field + "\" must be a non-empty string");
    }
    return value.asText();
  }

  private static final class InvalidInput extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidInput(String message) {
      super(message);
    }
  }
}
