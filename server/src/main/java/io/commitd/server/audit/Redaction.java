package io.commitd.server.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Keeps secrets and file contents out of the audit trail: a member whose name is a secret's or a
 * blob's in botocore's models of the services commitd serves (CodeCommit's {@code fileContent}
 * and {@code content}; IAM's and STS's sensitive members; session tokens) is replaced by
 * CloudTrail's own placeholder, at any depth, in requests and responses alike.
 */
public final class Redaction {
  /** What CloudTrail writes in place of a value it does not log. */
  public static final String HIDDEN = "HIDDEN_DUE_TO_SECURITY_REASONS";

  /**
   * Lower-cased member names: every blob member of the codecommit and iam models and every
   * sensitive one of iam and sts, plus session tokens and MFA codes.
   */
  static final Set<String> MEMBERS = Set.of(
      // blobs
      "content", "filecontent", "base32stringseed", "qrcodepng",
      // sensitive members
      "addprivatekey", "newpassword", "oldpassword", "password", "privatekey", "secretaccesskey",
      "servicecredentialsecret", "servicepassword", "samlassertion", "tradeintoken", "webidentitytoken",
      // session tokens and MFA codes
      "sessiontoken", "authenticationcode1", "authenticationcode2", "tokencode");

  private Redaction() {}

  /** Whether a member of this name is never logged. */
  public static boolean hides(String member) {
    String name = member.toLowerCase(Locale.ROOT);
    // Query parameters are flattened (Tags.member.1.Value): the last segment names the member.
    int dot = name.lastIndexOf('.');
    return MEMBERS.contains(dot < 0 ? name : name.substring(dot + 1));
  }

  /**
   * Writes {@code node} with what is hidden replaced, leaving the node as it is: the tree may be
   * the one the operation read, and the trail must not change what the call saw.
   */
  public static void write(JsonNode node, JsonGenerator json, SerializerProvider serializers) throws IOException {
    if (node instanceof ObjectNode object) {
      json.writeStartObject();
      for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        json.writeFieldName(field.getKey());
        if (hides(field.getKey()) && !field.getValue().isNull()) {
          json.writeString(HIDDEN);
        } else {
          write(field.getValue(), json, serializers);
        }
      }
      json.writeEndObject();
    } else if (node instanceof ArrayNode array) {
      json.writeStartArray();
      for (JsonNode item : array) {
        write(item, json, serializers);
      }
      json.writeEndArray();
    } else {
      node.serialize(json, serializers);
    }
  }
}
