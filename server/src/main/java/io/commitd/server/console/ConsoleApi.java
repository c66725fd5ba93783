package io.commitd.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.commitd.iam.auth.AccessControl;
import io.commitd.iam.auth.AccessRequest;
import io.commitd.iam.auth.Action;
import io.commitd.iam.auth.Caller;
import io.commitd.iam.auth.RequestFacts;
import io.commitd.server.api.ApiCall;
import io.commitd.server.api.ApiResponse;
import io.commitd.server.api.FrontDoor;
import io.commitd.server.api.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The console's only way to act: an AWS call as the signed-in caller, through the same
 * {@link FrontDoor} every SDK call passes (lookup, the one authorization, the operation, the
 * encoding). Only SigV4 is skipped, for the session cookie authenticated the caller. The answer is
 * read back as a client reads it: JSON for CodeCommit, XML for IAM, errors by their AWS code.
 */
final class ConsoleApi {
  private static final String CODECOMMIT_TARGET = "CodeCommit_20150413.";

  private final FrontDoor<?> codeCommit;
  private final FrontDoor<?> query;
  private final AccessControl access;

  ConsoleApi(FrontDoor<?> codeCommit, FrontDoor<?> query, AccessControl access) {
    this.codeCommit = codeCommit;
    this.query = query;
    this.access = access;
  }

  /** Calls CodeCommit operation {@code operation} with {@code input} as {@code caller}. */
  JsonNode codecommit(Caller caller, RequestFacts facts, String operation, ObjectNode input) throws ConsoleApiException {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("X-Amz-Target", List.of(CODECOMMIT_TARGET + operation));
    headers.put("Content-Type", List.of("application/x-amz-json-1.1"));
    ApiResponse response = codeCommit.handleAs(caller, call(headers, input.toString().getBytes(StandardCharsets.UTF_8), facts));
    JsonNode body;
    try {
      body = Json.MAPPER.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException("the front door answered " + operation + " with something that is not JSON", e);
    }
    if (response.status() != 200) {
      throw new ConsoleApiException(response.status(), body.path("__type").asText("InternalFailure"), body.path("message").asText(""));
    }
    return body;
  }

  /** Calls IAM action {@code action} with {@code parameters} as {@code caller}; answers the result document. */
  Document iam(Caller caller, RequestFacts facts, String action, Map<String, String> parameters) throws ConsoleApiException {
    StringBuilder form = new StringBuilder("Action=").append(Html.url(action)).append("&Version=2010-05-08");
    parameters.forEach((name, value) -> form.append('&').append(Html.url(name)).append('=').append(Html.url(value)));
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Content-Type", List.of("application/x-www-form-urlencoded; charset=utf-8"));
    ApiResponse response = query.handleAs(caller, call(headers, form.toString().getBytes(StandardCharsets.UTF_8), facts));
    Document document = parse(response.body());
    if (response.status() != 200) {
      throw new ConsoleApiException(response.status(), first(document, "Code"), first(document, "Message"));
    }
    return document;
  }

  /**
   * Whether {@code caller} may perform {@code action} on {@code resource}: asked of the same
   * {@link AccessControl}, only to leave out buttons that would be refused. It decides nothing —
   * the front door still authorizes the call itself.
   */
  boolean allows(Caller caller, RequestFacts facts, String action, String resource) {
    int colon = action.indexOf(':');
    return access.decide(AccessRequest.of(caller, facts, new Action(action.substring(0, colon), action.substring(colon + 1)), resource))
        .allowed();
  }

  static String first(Document document, String tag) {
    NodeList nodes = document.getElementsByTagName(tag);
    return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent();
  }

  private static ApiCall call(Map<String, List<String>> headers, byte[] body, RequestFacts facts) {
    return new ApiCall(UUID.randomUUID().toString(), "POST", "/", null, headers, body, "console", facts.secureTransport() ? "https" : "http", facts);
  }

  private static Document parse(byte[] xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      DocumentBuilder builder = factory.newDocumentBuilder();
      return builder.parse(new ByteArrayInputStream(xml));
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new IllegalStateException("the front door answered with XML that does not parse", e);
    }
  }
}
