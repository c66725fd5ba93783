package io.commitd.iam.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed and validated IAM policy document: identity, resource, boundary, session and trust
 * policies alike.
 */
public final class PolicyDocument {
  public static final String VERSION_2012 = "2012-10-17";
  public static final String VERSION_2008 = "2008-10-17";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final Set<String> TOP_LEVEL = Set.of("Version", "Id", "Statement");
  private static final Set<String> STATEMENT_KEYS =
      Set.of("Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition");

  private final String json;
  private final String version;
  private final List<Statement> statements;

  private PolicyDocument(String json, String version, List<Statement> statements) {
    this.json = json;
    this.version = version;
    this.statements = List.copyOf(statements);
  }

  /** Parses an identity, resource, boundary or session policy: every statement names a resource. */
  public static PolicyDocument parse(String json) {
    return parse(json, Kind.PERMISSIONS);
  }

  /** Parses a role's trust policy: every statement names a principal, and no resource. */
  public static PolicyDocument parseTrustPolicy(String json) {
    return parse(json, Kind.TRUST);
  }

  /** Parses a resource-based policy: every statement names a principal. */
  public static PolicyDocument parseResourcePolicy(String json) {
    return parse(json, Kind.RESOURCE);
  }

  private enum Kind {
    PERMISSIONS,
    RESOURCE,
    TRUST
  }

  private static PolicyDocument parse(String json, Kind kind) {
    if (json == null || json.isBlank()) {
      throw new MalformedPolicyDocumentException("Syntax errors in policy.");
    }
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new MalformedPolicyDocumentException("Syntax errors in policy.");
    }
    if (root == null || !root.isObject()) {
      throw new MalformedPolicyDocumentException("Syntax errors in policy.");
    }
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!TOP_LEVEL.contains(name)) {
        throw new MalformedPolicyDocumentException("Policy document should not specify a field named " + name + ".");
      }
    }
    JsonNode versionNode = root.get("Version");
    String version = versionNode == null ? VERSION_2008 : versionNode.asText();
    if (!version.equals(VERSION_2012) && !version.equals(VERSION_2008)) {
      throw new MalformedPolicyDocumentException("The policy must contain a valid version string");
    }
    JsonNode statementNode = root.get("Statement");
    if (statementNode == null || statementNode.isNull()) {
      throw new MalformedPolicyDocumentException("Missing required field Statement");
    }
    List<JsonNode> statementNodes = new ArrayList<>();
    if (statementNode.isArray()) {
      statementNode.forEach(statementNodes::add);
    } else if (statementNode.isObject()) {
      statementNodes.add(statementNode);
    } else {
      throw new MalformedPolicyDocumentException("Syntax errors in policy.");
    }
    if (statementNodes.isEmpty()) {
      throw new MalformedPolicyDocumentException("Missing required field Statement");
    }
    List<Statement> statements = new ArrayList<>();
    for (JsonNode node : statementNodes) {
      statements.add(statement(node, kind));
    }
    return new PolicyDocument(json, version, statements);
  }

  private static Statement statement(JsonNode node, Kind kind) {
    if (!node.isObject()) {
      throw new MalformedPolicyDocumentException("Syntax errors in policy.");
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!STATEMENT_KEYS.contains(name)) {
        throw new MalformedPolicyDocumentException("Statement should not specify a field named " + name + ".");
      }
    }
    String sid = node.has("Sid") ? text(node.get("Sid"), "Sid") : null;
    JsonNode effectNode = node.get("Effect");
    if (effectNode == null) {
      throw new MalformedPolicyDocumentException("Missing required field Effect");
    }
    StatementEffect effect = switch (effectNode.asText()) {
      case "Allow" -> StatementEffect.ALLOW;
      case "Deny" -> StatementEffect.DENY;
      default -> throw new MalformedPolicyDocumentException("Invalid effect: " + effectNode.asText());
    };
    if (node.has("Action") == node.has("NotAction")) {
      throw new MalformedPolicyDocumentException(
          node.has("Action") ? "Statement must not contain both Action and NotAction" : "Missing required field Action");
    }
    boolean notAction = node.has("NotAction");
    List<String> actions = strings(node.get(notAction ? "NotAction" : "Action"), notAction ? "NotAction" : "Action");
    for (String action : actions) {
      if (!action.equals("*") && !action.contains(":")) {
        throw new MalformedPolicyDocumentException("Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.");
      }
    }
    if (node.has("Resource") && node.has("NotResource")) {
      throw new MalformedPolicyDocumentException("Statement must not contain both Resource and NotResource");
    }
    boolean notResource = node.has("NotResource");
    List<String> resources = node.has("Resource") || notResource
        ? strings(node.get(notResource ? "NotResource" : "Resource"), notResource ? "NotResource" : "Resource")
        : List.of();
    if (kind != Kind.TRUST && resources.isEmpty()) {
      throw new MalformedPolicyDocumentException("Policy statement must contain resources.");
    }
    if (kind == Kind.TRUST && !resources.isEmpty()) {
      throw new MalformedPolicyDocumentException("Has prohibited field Resource");
    }
    if (node.has("Principal") && node.has("NotPrincipal")) {
      throw new MalformedPolicyDocumentException("Statement must not contain both Principal and NotPrincipal");
    }
    boolean notPrincipal = node.has("NotPrincipal");
    Principals principals = null;
    if (node.has("Principal") || notPrincipal) {
      if (kind == Kind.PERMISSIONS) {
        throw new MalformedPolicyDocumentException("Policy document should not specify a principal.");
      }
      principals = principals(node.get(notPrincipal ? "NotPrincipal" : "Principal"));
    } else if (kind != Kind.PERMISSIONS) {
      throw new MalformedPolicyDocumentException("Missing required field Principal");
    }
    List<Condition> conditions = node.has("Condition") ? conditions(node.get("Condition")) : List.of();
    return new Statement(sid, effect, principals, notPrincipal, actions, notAction, resources, notResource, conditions);
  }

  private static Principals principals(JsonNode node) {
    if (node.isTextual()) {
      if (node.asText().equals("*")) {
        return new Principals(true, Map.of());
      }
      throw new MalformedPolicyDocumentException("Invalid principal in policy: " + node.asText());
    }
    if (!node.isObject()) {
      throw new MalformedPolicyDocumentException("Invalid principal in policy.");
    }
    Map<String, List<String>> byType = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!Set.of("AWS", "Service", "Federated", "CanonicalUser").contains(field.getKey())) {
        throw new MalformedPolicyDocumentException("Invalid principal in policy: \"" + field.getKey() + "\"");
      }
      byType.put(field.getKey(), strings(field.getValue(), "Principal"));
    }
    return new Principals(false, byType);
  }

  private static List<Condition> conditions(JsonNode node) {
    if (!node.isObject()) {
      throw new MalformedPolicyDocumentException("Syntax errors in policy.");
    }
    List<Condition> conditions = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> operators = node.fields(); operators.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = operators.next();
      String name = entry.getKey();
      Condition.SetQualifier qualifier = Condition.SetQualifier.NONE;
      if (name.startsWith("ForAllValues:")) {
        qualifier = Condition.SetQualifier.FOR_ALL_VALUES;
        name = name.substring("ForAllValues:".length());
      } else if (name.startsWith("ForAnyValue:")) {
        qualifier = Condition.SetQualifier.FOR_ANY_VALUE;
        name = name.substring("ForAnyValue:".length());
      }
      boolean ifExists = name.endsWith("IfExists");
      String base = ifExists ? name.substring(0, name.length() - "IfExists".length()) : name;
      ConditionOperator operator = ConditionOperator.named(base)
          .orElseThrow(() -> new MalformedPolicyDocumentException("Invalid Condition type : " + entry.getKey()));
      if (operator == ConditionOperator.NULL && ifExists) {
        throw new MalformedPolicyDocumentException("Invalid Condition type : " + entry.getKey());
      }
      if (!entry.getValue().isObject() || entry.getValue().isEmpty()) {
        throw new MalformedPolicyDocumentException("Syntax errors in policy.");
      }
      for (Iterator<Map.Entry<String, JsonNode>> keys = entry.getValue().fields(); keys.hasNext(); ) {
        Map.Entry<String, JsonNode> key = keys.next();
        List<String> values = strings(key.getValue(), "Condition");
        values.forEach(operator::validatePolicyValue);
        conditions.add(new Condition(operator, qualifier, ifExists, key.getKey(), values));
      }
    }
    return conditions;
  }

  /** A string or a list of strings (numbers and booleans are accepted as their text, as IAM does). */
  private static List<String> strings(JsonNode node, String field) {
    List<String> values = new ArrayList<>();
    if (node.isArray()) {
      for (JsonNode item : node) {
        values.add(text(item, field));
      }
    } else {
      values.add(text(node, field));
    }
    if (values.isEmpty()) {
      throw new MalformedPolicyDocumentException("Required field " + field + " cannot be empty");
    }
    return values;
  }

  private static String text(JsonNode node, String field) {
    if (node.isTextual() || node.isNumber() || node.isBoolean()) {
      return node.asText();
    }
    throw new MalformedPolicyDocumentException("Syntax errors in policy: " + field + " must be a string.");
  }

  /** The document as it was written. */
  public String json() {
    return json;
  }

  public String version() {
    return version;
  }

  /** True when policy variables are substituted: only in 2012-10-17 documents. */
  public boolean substitutesVariables() {
    return version.equals(VERSION_2012);
  }

  public List<Statement> statements() {
    return statements;
  }
}
