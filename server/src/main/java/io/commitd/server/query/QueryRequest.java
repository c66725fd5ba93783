package io.commitd.server.query;

import io.commitd.iam.auth.Caller;
import io.commitd.iam.auth.Requester;
import io.commitd.server.api.ApiCall;
import io.commitd.storage.errors.AwsException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An authenticated Query-protocol call (IAM, STS): its form parameters, with the flattened list
 * and map forms botocore sends ({@code Tags.member.1.Key}, {@code ActionNames.member.2}).
 */
public record QueryRequest(Requester requester, Map<String, String> parameters, ApiCall call) {

  public Caller caller() {
    return requester.caller();
  }

  public String accountId() {
    return requester.accountId();
  }

  public Instant now() {
    return call.receivedAt();
  }

  public String optional(String name) {
    return parameters.get(name);
  }

  /** The parameter, or IAM's {@code ValidationError} naming it when absent. */
  public String required(String name) {
    String value = parameters.get(name);
    if (value == null || value.isEmpty()) {
      throw new AwsException("ValidationError", 400, "1 validation error detected: Value null at '"
          + Character.toLowerCase(name.charAt(0)) + name.substring(1) + "' failed to satisfy constraint: Member must not be null");
    }
    return value;
  }

  public Integer integer(String name) {
    String value = parameters.get(name);
    if (value == null) {
      return null;
    }
    try {
      return Integer.valueOf(value);
    } catch (NumberFormatException e) {
      throw new AwsException("ValidationError", 400, "Value '" + value + "' for " + name + " is not an integer.");
    }
  }

  public boolean bool(String name) {
    return "true".equalsIgnoreCase(parameters.get(name));
  }

  /** {@code Name.member.1}, {@code Name.member.2}, … in order. */
  public List<String> list(String name) {
    List<String> values = new ArrayList<>();
    for (int i = 1; parameters.containsKey(name + ".member." + i); i++) {
      values.add(parameters.get(name + ".member." + i));
    }
    return values;
  }

  /** {@code Tags.member.N.Key} / {@code .Value} pairs. */
  public Map<String, String> tags(String name) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (int i = 1; parameters.containsKey(name + ".member." + i + ".Key"); i++) {
      tags.put(parameters.get(name + ".member." + i + ".Key"), parameters.getOrDefault(name + ".member." + i + ".Value", ""));
    }
    return tags;
  }

  /** The structures of a list: {@code Name.member.N.Field} as one map per N. */
  public List<Map<String, String>> structures(String name) {
    List<Map<String, String>> items = new ArrayList<>();
    for (int i = 1; ; i++) {
      String prefix = name + ".member." + i + ".";
      Map<String, String> item = new LinkedHashMap<>();
      parameters.forEach((key, value) -> {
        if (key.startsWith(prefix)) {
          item.put(key.substring(prefix.length()), value);
        }
      });
      if (item.isEmpty()) {
        return items;
      }
      items.add(item);
    }
  }
}
