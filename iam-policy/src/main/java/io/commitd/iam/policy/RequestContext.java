package io.commitd.iam.policy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The condition keys of a request and their values. Keys compare case-insensitively, as AWS
 * condition keys do; values are kept exactly. A key may be present with several values
 * ({@code codecommit:References}, {@code aws:TagKeys}).
 */
public final class RequestContext {
  private static final RequestContext EMPTY = new RequestContext(Map.of(), null);

  /** The keys, lowercased; null until a lazily built context is first asked. */
  private Map<String, List<String>> values;
  private final Supplier<Map<String, List<String>>> keys;

  private RequestContext(Map<String, List<String>> values, Supplier<Map<String, List<String>>> keys) {
    this.values = values;
    this.keys = keys;
  }

  public static RequestContext empty() {
    return EMPTY;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A context holding the given keys and values. */
  public static RequestContext of(Map<String, List<String>> keys) {
    Builder builder = builder();
    keys.forEach(builder::put);
    return builder.build();
  }

  /**
   * A context whose keys are gathered only when a policy first asks for one: most statements have
   * no condition and no variable, and gathering (formatting times, copying the caller's facts) was
   * a visible part of every signed call. Meant for one request on one thread, as evaluation is.
   */
  public static RequestContext lazily(Supplier<Map<String, List<String>>> keys) {
    return new RequestContext(null, keys);
  }

  /** The values of a key, or empty when the request does not have it. */
  public Optional<List<String>> get(String key) {
    return Optional.ofNullable(values().get(key.toLowerCase(Locale.ROOT)));
  }

  public boolean has(String key) {
    return values().containsKey(key.toLowerCase(Locale.ROOT));
  }

  private Map<String, List<String>> values() {
    if (values == null) {
      values = of(keys.get()).values;
    }
    return values;
  }

  /** Builds a context; later values of a key replace earlier ones. */
  public static final class Builder {
    private final Map<String, List<String>> values = new TreeMap<>();

    public Builder put(String key, String value) {
      return put(key, List.of(value));
    }

    public Builder put(String key, List<String> value) {
      values.put(key.toLowerCase(Locale.ROOT), List.copyOf(value));
      return this;
    }

    public RequestContext build() {
      return new RequestContext(Map.copyOf(values), null);
    }
  }
}
