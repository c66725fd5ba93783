package io.commitd.reviews;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.commitd.triggers.events.EventDetail;
import io.commitd.triggers.events.EventJson;
import java.util.List;

/** The outbox payload of an EventBridge event: {@code {"detailType", "resources", "detail"}}. */
final class OutboxEvents {
  private static final ObjectMapper JSON = new ObjectMapper();

  private OutboxEvents() {}

  static String payload(EventDetail detail, List<String> resources) {
    ObjectNode node = JSON.createObjectNode();
    node.put("detailType", detail.detailType());
    resources.forEach(node.putArray("resources")::add);
    node.set("detail", EventJson.tree(detail));
    return node.toString();
  }
}
