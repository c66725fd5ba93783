package io.commitd.server.api;

import java.util.List;
import java.util.Map;

/**
 * One operation of a service at the front door, whatever its wire format. The front door
 * authorizes {@code service:<name>} — the name it is registered under — on every resource
 * {@link #resources} names, with {@link #conditionKeys}, before {@link #invoke} runs; an operation
 * never authorizes by itself.
 *
 * @param <R> the request the wire format hands to operations
 */
public interface ApiOperation<R> {

  /** The ARNs acted on ({@code *} for account-level operations); none when no permission is needed. */
  List<String> resources(R request);

  /** Condition keys this operation adds, such as {@code codecommit:References} for the branch a {@code PutFile} writes. */
  default Map<String, List<String>> conditionKeys(R request) {
    return Map.of();
  }

  /** Performs the operation; returns what the wire format encodes as the output, or null for an empty one. */
  Object invoke(R request) throws Exception;
}
