package io.commitd.approval.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Reads and checks approval rule content JSON, failing with the error code of its {@link ApprovalRuleContent.Kind}. */
final class ApprovalRuleContentParser {

  // Duplicate keys and trailing garbage would make "the content as given" mean two things.
  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private static final List<String> CONTENT_FIELDS =
      List.of("Version", "DestinationReferences", "Statements");
  private static final List<String> STATEMENT_FIELDS =
      List.of("Type", "NumberOfApprovalsNeeded", "ApprovalPoolMembers");

  private final ApprovalRuleContent.Kind kind;

  ApprovalRuleContentParser(ApprovalRuleContent.Kind kind) {
    this.kind = kind;
  }

  ApprovalRuleContent parse(String json) {
    if (json == null || json.isEmpty()) {
      throw kind.required();
    }
    int length = json.codePointCount(0, json.length());
    if (length > ApprovalRuleContent.MAX_LENGTH) {
      throw kind.invalid(
          "content is " + length + " characters long; at most "
              + ApprovalRuleContent.MAX_LENGTH + " are allowed");
    }
    JsonNode root = readJson(json);
    requireObject(root, "content");
    rejectUnknownFields(root, CONTENT_FIELDS, "content");
    return new ApprovalRuleContent(
        json, version(root), destinationReferences(root), statements(root));
  }

  private JsonNode readJson(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw kind.invalid("content is not valid JSON: " + e.getOriginalMessage());
    }
  }

  private String version(JsonNode root) {
    JsonNode version = root.get("Version");
    if (isAbsent(version)) {
      throw kind.invalid("content must have a Version");
    }
    if (!version.isTextual() || !version.textValue().equals(ApprovalRuleContent.VERSION)) {
      throw kind.invalid(
          "Version must be \"" + ApprovalRuleContent.VERSION + "\", not " + version);
    }
    return version.textValue();
  }

  private List<String> destinationReferences(JsonNode root) {
    List<String> references = optionalStrings(root.get("DestinationReferences"), "DestinationReferences");
    // Only templates use destination references; on a pull request's own rule they mean nothing,
    // so they are accepted there without checking the names.
    if (kind == ApprovalRuleContent.Kind.TEMPLATE) {
      for (String reference : references) {
        if (!RefNames.isValidFullRefName(reference)) {
          throw kind.invalid(
              "destination reference " + reference + " is not a full reference name such as refs/heads/main");
        }
      }
    }
    return references;
  }

  private List<ApprovalStatement> statements(JsonNode root) {
    JsonNode statements = root.get("Statements");
    if (isAbsent(statements)) {
      throw kind.invalid("content must have Statements");
    }
    if (!statements.isArray()) {
      throw kind.invalid("Statements must be a list");
    }
    List<ApprovalStatement> parsed = new ArrayList<>();
    for (JsonNode statement : statements) {
      parsed.add(statement(statement));
    }
    return parsed;
  }

  private ApprovalStatement statement(JsonNode statement) {
    requireObject(statement, "each statement");
    rejectUnknownFields(statement, STATEMENT_FIELDS, "a statement");
    JsonNode type = statement.get("Type");
    if (isAbsent(type) || !type.isTextual() || !type.textValue().equals(ApprovalStatement.APPROVERS)) {
      throw kind.invalid(
          "statement Type must be \"" + ApprovalStatement.APPROVERS + "\", not " + type);
    }
    return new ApprovalStatement(
        type.textValue(), approvalsNeeded(statement), poolMembers(statement));
  }

  private int approvalsNeeded(JsonNode statement) {
    JsonNode needed = statement.get("NumberOfApprovalsNeeded");
    if (isAbsent(needed)) {
      throw kind.invalid("each statement must have NumberOfApprovalsNeeded");
    }
    if (!needed.isIntegralNumber() || !needed.canConvertToInt() || needed.intValue() < 1) {
      throw kind.invalid("NumberOfApprovalsNeeded must be a whole number of at least 1, not " + needed);
    }
    return needed.intValue();
  }

  private List<ApprovalPoolMember> poolMembers(JsonNode statement) {
    List<ApprovalPoolMember> members = new ArrayList<>();
    for (String member : optionalStrings(statement.get("ApprovalPoolMembers"), "ApprovalPoolMembers")) {
      try {
        members.add(ApprovalPoolMember.parse(member));
      } catch (IllegalArgumentException e) {
        throw kind.invalid(e.getMessage());
      }
    }
    return members;
  }

  private List<String> optionalStrings(JsonNode list, String field) {
    if (isAbsent(list)) {
      return List.of();
    }
    if (!list.isArray()) {
      throw kind.invalid(field + " must be a list of strings");
    }
    List<String> values = new ArrayList<>();
    for (JsonNode value : list) {
      if (!value.isTextual()) {
        throw kind.invalid(field + " must be a list of strings, but holds " + value);
      }
      values.add(value.textValue());
    }
    return values;
  }

  private void requireObject(JsonNode node, String what) {
    if (!node.isObject()) {
      throw kind.invalid(what + " must be a JSON object");
    }
  }

  private void rejectUnknownFields(JsonNode node, List<String> known, String where) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw kind.invalid(where + " has an unknown field " + name + "; allowed are " + known);
      }
    }
  }

  /** JSON null counts as absent, so optional fields may be written as null. */
  private static boolean isAbsent(JsonNode node) {
    return node == null || node.isNull();
  }
}
