package io.commitd.storage.audit;

/**
 * The keys a trail segment's summary holds: one per account, and one per account, attribute and
 * value an event can be looked up by. A lookup reads a segment only when the segment holds its key.
 * Keys are 64-bit hashes; two values that share one only cost a read of a segment, since what is
 * read is matched on the values themselves. Event ids have no key (each is different); a lookup by
 * one of ours reads only the segments whose time range holds the id's time.
 */
final class TrailKeys {
  private TrailKeys() {}

  /** Every key {@code event} is found by. */
  static long[] of(TrailEvent event) {
    String account = event.accountId();
    int resources = event.resources().size();
    long[] keys = new long[4 + (event.username() != null ? 1 : 0) + (event.accessKeyId() != null ? 1 : 0) + resources * 3];
    int i = 0;
    keys[i++] = key(account, null, null);
    keys[i++] = key(account, TrailStore.Attribute.EventName, event.eventName());
    keys[i++] = key(account, TrailStore.Attribute.ReadOnly, String.valueOf(event.readOnly()));
    keys[i++] = key(account, TrailStore.Attribute.EventSource, event.eventSource());
    if (event.username() != null) {
      keys[i++] = key(account, TrailStore.Attribute.Username, event.username());
    }
    if (event.accessKeyId() != null) {
      keys[i++] = key(account, TrailStore.Attribute.AccessKeyId, event.accessKeyId());
    }
    for (TrailEvent.Resource resource : event.resources()) {
      long name = key(account, TrailStore.Attribute.ResourceName, resource.name());
      keys[i++] = key(account, TrailStore.Attribute.ResourceType, resource.type());
      keys[i++] = name;
      keys[i++] = resource.arn() != null ? key(account, TrailStore.Attribute.ResourceName, resource.arn()) : name;
    }
    return keys;
  }

  /** The key a segment must hold for {@code lookup} to find anything in it. */
  static long of(TrailStore.Lookup lookup) {
    TrailStore.Attribute attribute = lookup.attribute();
    if (attribute == null || attribute == TrailStore.Attribute.EventId) {
      return key(lookup.accountId(), null, null);
    }
    String value = attribute == TrailStore.Attribute.ReadOnly ? String.valueOf(Boolean.parseBoolean(lookup.value())) : lookup.value();
    return key(lookup.accountId(), attribute, value);
  }

  /** FNV-1a, 64 bits, over the account, the attribute's name and the value. */
  private static long key(String account, TrailStore.Attribute attribute, String value) {
    long hash = 0xcbf29ce484222325L;
    hash = mix(hash, account);
    hash = mix((hash ^ 0xFFFF) * 0x100000001b3L, attribute == null ? "" : attribute.name());
    return mix((hash ^ 0xFFFF) * 0x100000001b3L, value == null ? "" : value);
  }

  private static long mix(long hash, String text) {
    for (int i = 0; i < text.length(); i++) {
      hash = (hash ^ text.charAt(i)) * 0x100000001b3L;
    }
    return hash;
  }
}
