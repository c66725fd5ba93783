package io.commitd.iam.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * IAM Access Analyzer's policy validation, for the checks that matter to commitd's services
 * ({@code codecommit}, {@code iam}, {@code sts}, {@code access-analyzer}): actions that do not
 * exist, condition keys that do not exist, a multivalued key ({@code codecommit:References},
 * {@code aws:TagKeys}, …) tested without {@code ForAllValues}/{@code ForAnyValue}, a missing
 * {@code Version}, and JSON that does not parse. Findings carry AWS's issue codes, and locations as
 * Access Analyzer gives them: a path through the JSON and a span (line from 1, column and offset
 * from 0). Actions and keys of other services are not judged: nothing here knows them.
 */
public final class PolicyValidator {
  private static final String LEARN_MORE =
      "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-";
  private static final JsonFactory JSON = new JsonFactory();
  private static final Set<String> SERVICES = Set.of("codecommit", "iam", "sts", "access-analyzer");

  /** Global condition keys (IAM User Guide, "AWS global condition context keys"); tag keys by prefix. */
  private static final Set<String> GLOBAL_KEYS = lower(Set.of(
      "aws:CalledVia", "aws:CalledViaFirst", "aws:CalledViaLast", "aws:CurrentTime", "aws:EpochTime", "aws:FederatedProvider",
      "aws:MultiFactorAuthAge", "aws:MultiFactorAuthPresent", "aws:PrincipalAccount", "aws:PrincipalArn", "aws:PrincipalIsAWSService",
      "aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:PrincipalServiceName", "aws:PrincipalServiceNamesList", "aws:PrincipalType",
      "aws:referer", "aws:RequestedRegion", "aws:ResourceAccount", "aws:ResourceOrgID", "aws:ResourceOrgPaths", "aws:SecureTransport",
      "aws:SourceAccount", "aws:SourceArn", "aws:SourceIdentity", "aws:SourceIp", "aws:SourceOrgID", "aws:SourceOrgPaths",
      "aws:SourceVpc", "aws:SourceVpce", "aws:SourceVpcArn", "aws:TagKeys", "aws:TokenIssueTime", "aws:UserAgent", "aws:userid",
      "aws:username", "aws:ViaAWSService", "aws:VpcSourceIp", "aws:VpceAccount", "aws:VpceOrgID", "aws:VpceOrgPaths",
      "aws:Ec2InstanceSourceVpc", "aws:Ec2InstanceSourcePrivateIPv4", "aws:AssumedRoot", "aws:ChatbotSourceArn"));
  private static final List<String> GLOBAL_KEY_PREFIXES = List.of("aws:principaltag/", "aws:requesttag/", "aws:resourcetag/");

  /** The condition keys of the services commitd serves (Service Authorization Reference). */
  private static final Set<String> SERVICE_KEYS = lower(Set.of(
      "codecommit:References",
      "iam:AWSServiceName", "iam:AssociatedResourceArn", "iam:FIDO-certification", "iam:FIDO-FIPS-140-2-certification",
      "iam:FIDO-FIPS-140-3-certification", "iam:OrganizationsPolicyId", "iam:PassedToService", "iam:PermissionsBoundary",
      "iam:PolicyARN", "iam:RegisterSecurityKey",
      "sts:AWSServiceName", "sts:DurationSeconds", "sts:ExternalId", "sts:RoleSessionName", "sts:SourceIdentity",
      "sts:TransitiveTagKeys", "sts:RequestContextProviders"));
  private static final List<String> SERVICE_KEY_PREFIXES = List.of("iam:resourcetag/", "sts:requestcontext/");

  /** Keys whose request value is a set: they need {@code ForAllValues:} or {@code ForAnyValue:}. */
  private static final Set<String> MULTIVALUED_KEYS = lower(Set.of(
      "codecommit:References", "aws:TagKeys", "aws:CalledVia", "aws:PrincipalOrgPaths", "aws:PrincipalServiceNamesList",
      "aws:ResourceOrgPaths", "aws:SourceOrgPaths", "aws:VpceOrgPaths", "sts:TransitiveTagKeys"));

  /** What a policy is: Access Analyzer's {@code policyType}. */
  public enum PolicyType {
    IDENTITY_POLICY,
    RESOURCE_POLICY,
    SERVICE_CONTROL_POLICY,
    RESOURCE_CONTROL_POLICY
  }

  /** A position: line from 1, column and offset from 0. */
  public record Position(int line, int column, int offset) {}

  /** One step of a path: exactly one of {@code value} (a member), {@code index} (an array element) or {@code key} (a member's name). */
  public record PathElement(String value, Integer index, String key) {
    static PathElement value(String member) {
      return new PathElement(member, null, null);
    }

    static PathElement index(int index) {
      return new PathElement(null, index, null);
    }

    static PathElement key(String name) {
      return new PathElement(null, null, name);
    }
  }

  /** Where a finding is: its path and its span (end exclusive). */
  public record Location(List<PathElement> path, Position start, Position end) {}

  /** One finding, as ValidatePolicy answers it. */
  public record Finding(String findingType, String issueCode, String findingDetails, String learnMoreLink, List<Location> locations) {}

  private final Set<String> knownActions;

  public PolicyValidator(Set<String> knownActions) {
    this.knownActions = lower(knownActions);
  }

  /** The validator that knows the actions of commitd's services (bundled {@code actions.txt}). */
  public static PolicyValidator standard() {
    Set<String> actions = new TreeSet<>();
    try (InputStream in = PolicyValidator.class.getResourceAsStream("actions.txt")) {
      if (in == null) {
        throw new IllegalStateException("actions.txt is missing from the iam-policy jar");
      }
      new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
          .filter(line -> !line.isBlank() && !line.startsWith("#")).forEach(actions::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new PolicyValidator(actions);
  }

  public List<Finding> validate(String document, PolicyType type) {
    List<Finding> findings = new ArrayList<>();
    Node root;
    try (JsonParser parser = JSON.createParser(document)) {
      parser.nextToken();
      root = read(parser);
    } catch (JsonProcessingException e) {
      Position at = position(e.getLocation());
      findings.add(finding("ERROR", "JSON_SYNTAX_ERROR", "Fix the JSON syntax error at index " + at.offset() + " line "
          + at.line() + " column " + at.column() + ".", "error-json-syntax-error", new Location(List.of(), at, at)));
      return findings;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (root == null || root.fields == null) {
      findings.add(finding("ERROR", "JSON_SYNTAX_ERROR", "A policy document is a JSON object.", "error-json-syntax-error",
          new Location(List.of(), new Position(1, 0, 0), new Position(1, 0, 0))));
      return findings;
    }
    if (!root.fields.containsKey("Version")) {
      findings.add(finding("WARNING", "MISSING_VERSION",
          "We recommend that you specify the Version element to help you with debugging permission issues.",
          "general-warning-missing-version", new Location(List.of(), root.start, root.end)));
    }
    Member statements = root.fields.get("Statement");
    if (statements != null) {
      if (statements.value.items != null) {
        for (int i = 0; i < statements.value.items.size(); i++) {
          statement(statements.value.items.get(i), List.of(PathElement.value("Statement"), PathElement.index(i)), findings);
        }
      } else {
        statement(statements.value, List.of(PathElement.value("Statement")), findings);
      }
    }
    return findings;
  }

  private void statement(Node statement, List<PathElement> path, List<Finding> findings) {
    if (statement.fields == null) {
      return;
    }
    for (String element : List.of("Action", "NotAction")) {
      Member member = statement.fields.get(element);
      if (member == null) {
        continue;
      }
      List<PathElement> at = append(path, PathElement.value(element));
      if (member.value.items != null) {
        for (int i = 0; i < member.value.items.size(); i++) {
          action(member.value.items.get(i), append(at, PathElement.index(i)), findings);
        }
      } else {
        action(member.value, at, findings);
      }
    }
    Member condition = statement.fields.get("Condition");
    if (condition != null && condition.value.fields != null) {
      for (Member operator : condition.value.fields.values()) {
        if (operator.value.fields == null) {
          continue;
        }
        for (Member key : operator.value.fields.values()) {
          conditionKey(operator.name, key, append(append(path, PathElement.value("Condition")), PathElement.value(operator.name)), findings);
        }
      }
    }
  }

  private void action(Node node, List<PathElement> path, List<Finding> findings) {
    if (node.text == null) {
      return;
    }
    String action = node.text;
    int colon = action.indexOf(':');
    if (colon < 0 || !SERVICES.contains(action.substring(0, colon).toLowerCase(Locale.ROOT))) {
      return;
    }
    String lower = action.toLowerCase(Locale.ROOT);
    boolean exists = lower.contains("*") || lower.contains("?")
        ? knownActions.stream().anyMatch(known -> Wildcards.matches(lower, known, false))
        : knownActions.contains(lower);
    if (!exists) {
      findings.add(finding("ERROR", "INVALID_ACTION", "The action " + action + " does not exist.", "error-invalid-action",
          new Location(path, node.start, node.end)));
    }
  }

  private void conditionKey(String operator, Member key, List<PathElement> operatorPath, List<Finding> findings) {
    String name = key.name;
    String lower = name.toLowerCase(Locale.ROOT);
    Location at = new Location(append(operatorPath, PathElement.key(name)), key.keyStart, key.keyEnd);
    int colon = lower.indexOf(':');
    String service = colon < 0 ? "" : lower.substring(0, colon);
    if (service.equals("aws")) {
      if (!GLOBAL_KEYS.contains(lower) && GLOBAL_KEY_PREFIXES.stream().noneMatch(lower::startsWith)) {
        findings.add(finding("ERROR", "INVALID_GLOBAL_CONDITION_KEY", "The condition key " + name
            + " that you provided does not exist. Use a valid condition key.", "error-invalid-global-condition-key", at));
        return;
      }
    } else if (SERVICES.contains(service)) {
      if (!SERVICE_KEYS.contains(lower) && SERVICE_KEY_PREFIXES.stream().noneMatch(lower::startsWith)) {
        findings.add(finding("ERROR", "INVALID_SERVICE_CONDITION_KEY", "The condition key " + name
            + " does not exist in the service " + service + ". Use a valid condition key.", "error-invalid-service-condition-key", at));
        return;
      }
    }
    String lowerOperator = operator.toLowerCase(Locale.ROOT);
    boolean qualified = lowerOperator.startsWith("forallvalues:") || lowerOperator.startsWith("foranyvalue:");
    if (MULTIVALUED_KEYS.contains(lower) && !qualified && !lowerOperator.equals("null")) {
      // Access Analyzer's "Missing qualifier": the closest of its checks to a single-valued
      // operator (StringLike, StringEquals, …) applied to a key whose request value is a set.
      findings.add(finding("ERROR", "MISSING_QUALIFIER", "The request context key " + name
          + " has multiple values. Use the ForAllValues or ForAnyValue condition key qualifiers in your policy.",
          "error-missing-qualifier", at));
    }
  }

  private static Finding finding(String type, String code, String details, String anchor, Location location) {
    return new Finding(type, code, details, LEARN_MORE + anchor, List.of(location));
  }

  private static List<PathElement> append(List<PathElement> path, PathElement element) {
    List<PathElement> longer = new ArrayList<>(path);
    longer.add(element);
    return List.copyOf(longer);
  }

  private static Set<String> lower(Set<String> values) {
    Set<String> lowered = new TreeSet<>();
    values.forEach(v -> lowered.add(v.toLowerCase(Locale.ROOT)));
    return lowered;
  }

  // ---- JSON with positions

  /** A JSON value and its span: an object ({@code fields}), an array ({@code items}) or a scalar ({@code text}). */
  private static final class Node {
    Map<String, Member> fields;
    List<Node> items;
    String text;
    Position start;
    Position end;
  }

  private record Member(String name, Position keyStart, Position keyEnd, Node value) {}

  private static Node read(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == null) {
      return null;
    }
    Node node = new Node();
    node.start = position(parser.currentTokenLocation());
    switch (token) {
      case START_OBJECT -> {
        node.fields = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          Position keyStart = position(parser.currentTokenLocation());
          Position keyEnd = new Position(keyStart.line(), keyStart.column() + name.length() + 2, keyStart.offset() + name.length() + 2);
          parser.nextToken();
          node.fields.put(name, new Member(name, keyStart, keyEnd, read(parser)));
        }
      }
      case START_ARRAY -> {
        node.items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          node.items.add(read(parser));
        }
      }
      default -> node.text = parser.getText();
    }
    node.end = position(parser.currentLocation());
    return node;
  }

  private static Position position(JsonLocation location) {
    if (location == null) {
      return new Position(1, 0, 0);
    }
    return new Position(Math.max(1, location.getLineNr()), Math.max(0, location.getColumnNr() - 1), (int) Math.max(0, location.getCharOffset()));
  }
}
