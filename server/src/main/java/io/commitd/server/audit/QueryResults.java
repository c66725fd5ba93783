package io.commitd.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * An IAM or STS (Query protocol) answer as CloudTrail records it in {@code responseElements}: the
 * {@code <OpResult>} element as JSON with lower-camel member names, {@code member} lists as arrays;
 * the trail's writer redacts secrets ({@link Redaction}). CloudTrail records {@code CreateUser}'s
 * answer as {@code {"user": {"userName": …}}}.
 */
final class QueryResults {
  private static final ObjectMapper JSON = new ObjectMapper();

  private QueryResults() {}

  /** The result element's content, or null when the answer has none or is not XML. */
  static JsonNode toJson(byte[] xml, String resultElement) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setNamespaceAware(false);
      NodeList results = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml)).getElementsByTagName(resultElement);
      if (results.getLength() == 0) {
        return null;
      }
      JsonNode content = convert((Element) results.item(0));
      return content.isObject() && !content.isEmpty() ? content : null;
    } catch (ParserConfigurationException | SAXException | IOException e) {
      return null;
    }
  }

  private static JsonNode convert(Element element) {
    NodeList children = element.getChildNodes();
    boolean hasElements = false;
    for (int i = 0; i < children.getLength(); i++) {
      hasElements |= children.item(i).getNodeType() == Node.ELEMENT_NODE;
    }
    if (!hasElements) {
      return JSON.getNodeFactory().textNode(element.getTextContent());
    }
    ObjectNode object = JSON.createObjectNode();
    ArrayNode members = null;
    for (int i = 0; i < children.getLength(); i++) {
      if (children.item(i) instanceof Element child) {
        if (child.getTagName().equals("member")) {
          if (members == null) {
            members = JSON.createArrayNode();
          }
          members.add(convert(child));
        } else {
          String name = child.getTagName();
          object.set(Character.toLowerCase(name.charAt(0)) + name.substring(1), convert(child));
        }
      }
    }
    return members != null ? members : object;
  }
}
