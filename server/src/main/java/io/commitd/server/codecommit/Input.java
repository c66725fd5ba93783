package io.commitd.server.codecommit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.commitd.storage.errors.AwsException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An operation's JSON input with typed, checked access. A member of the wrong JSON type is the
 * client's mistake and answers {@code SerializationException}, as AWS JSON services do.
 */
public final class Input {
  private final ObjectNode node;

  public Input(ObjectNode node) {
    this.node = node;
  }

  public ObjectNode node() {
    return node;
  }

  public boolean has(String member) {
    JsonNode value = node.get(member);
    return value != null && !value.isNull();
  }

  /** The string member, or null when absent. */
  public String string(String member) {
    JsonNode value = node.get(member);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw wrongType(member, "a string");
    }
    return value.textValue();
  }

  /** The string member; when absent or empty, {@code missing} is thrown. */
  public String requiredString(String member, String missingCode, String message) {
    String value = string(member);
    if (value == null || value.isEmpty()) {
      throw AwsException.badRequest(missingCode, message);
    }
    return value;
  }

  public Integer integer(String member) {
    JsonNode value = node.get(member);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw wrongType(member, "an integer");
    }
    return value.intValue();
  }

  public Boolean bool(String member) {
    JsonNode value = node.get(member);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isBoolean()) {
      throw wrongType(member, "a boolean");
    }
    return value.booleanValue();
  }

  /** A blob member: base64 text on the wire, bytes here; null when absent. */
  public byte[] blob(String member) {
    String text = string(member);
    if (text == null) {
      return null;
    }
    try {
      return Base64.getMimeDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw AwsException.badRequest("SerializationException", "Member " + member + " is not valid base64.");
    }
  }

  /** A list of strings, or null when absent. */
  public List<String> stringList(String member) {
    JsonNode value = node.get(member);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isArray()) {
      throw wrongType(member, "a list");
    }
    List<String> items = new ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isTextual()) {
        throw wrongType(member, "a list of strings");
      }
      items.add(item.textValue());
    }
    return items;
  }

  /** A map of strings to strings, or null when absent. */
  public Map<String, String> stringMap(String member) {
    JsonNode value = node.get(member);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isObject()) {
      throw wrongType(member, "a map");
    }
    Map<String, String> map = new LinkedHashMap<>();
    var fields = value.fields();
    while (fields.hasNext()) {
      var field = fields.next();
      if (!field.getValue().isTextual()) {
        throw wrongType(member, "a map of strings");
      }
      map.put(field.getKey(), field.getValue().textValue());
    }
    return map;
  }

  /** A list of structures, or null when absent. */
  public List<Input> structureList(String member) {
    JsonNode value = node.get(member);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isArray()) {
      throw wrongType(member, "a list");
    }
    List<Input> items = new ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isObject()) {
        throw wrongType(member, "a list of structures");
      }
      items.add(new Input((ObjectNode) item));
    }
    return items;
  }

  /** A structure member, or null when absent. */
  public Input structure(String member) {
    JsonNode value = node.get(member);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isObject()) {
      throw wrongType(member, "a structure");
    }
    return new Input((ObjectNode) value);
  }

  private static AwsException wrongType(String member, String expected) {
    return AwsException.badRequest("SerializationException", "Member " + member + " must be " + expected + ".");
  }
}
