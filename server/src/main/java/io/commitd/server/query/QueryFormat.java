package io.commitd.server.query;

import io.commitd.iam.auth.Requester;
import io.commitd.iam.sigv4.AuthFailure;
import io.commitd.server.api.ApiCall;
import io.commitd.server.api.ApiError;
import io.commitd.server.api.ApiResponse;
import io.commitd.server.api.ApiService;
import io.commitd.server.api.OperationRegistry;
import io.commitd.server.api.Target;
import io.commitd.server.api.WireFormat;
import java.io.StringWriter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The AWS Query protocol of IAM (Version 2010-05-08) and STS (2011-06-15): form-encoded
 * {@code Action=…} requests, XML answers and {@code ErrorResponse} errors.
 */
public final class QueryFormat implements WireFormat<QueryRequest> {
  private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();
  private static final String IAM_VERSION = "2010-05-08";
  private static final String STS_VERSION = "2011-06-15";

  private final ApiService<QueryRequest> iam;
  private final ApiService<QueryRequest> sts;

  public QueryFormat(OperationRegistry<QueryRequest> iamActions, OperationRegistry<QueryRequest> stsActions) {
    this.iam = new ApiService<>("iam", iamActions);
    this.sts = new ApiService<>("sts", stsActions);
  }

  @Override
  public Target<QueryRequest> target(ApiCall call) {
    boolean form = call.header("X-Amz-Target").isEmpty()
        && call.header("Content-Type").map(t -> t.startsWith("application/x-www-form-urlencoded")).orElse(false);
    if (!form) {
      return null;
    }
    Map<String, String> parameters = parse(call.bodyText());
    return new Target<>(serviceOf(call, parameters), parameters.getOrDefault("Action", ""));
  }

  @Override
  public QueryRequest request(Requester requester, ApiCall call) {
    return new QueryRequest(requester, parse(call.bodyText()), call);
  }

  @Override
  public QueryRequest authorized(QueryRequest request, Requester requester) {
    return new QueryRequest(requester, request.parameters(), request.call());
  }

  @Override
  public ApiResponse success(Target<QueryRequest> target, Object output, ApiCall call) throws XMLStreamException {
    StringWriter out = new StringWriter();
    XMLStreamWriter xml = XML.createXMLStreamWriter(out);
    xml.writeStartDocument("UTF-8", "1.0");
    xml.writeStartElement(target.operation() + "Response");
    xml.writeDefaultNamespace(namespaceOf(target));
    xml.writeStartElement(target.operation() + "Result");
    if (output != null) {
      ((XmlNode) output).write(xml);
    }
    xml.writeEndElement();
    xml.writeStartElement("ResponseMetadata");
    xml.writeStartElement("RequestId");
    xml.writeCharacters(call.requestId());
    xml.writeEndElement();
    xml.writeEndElement();
    xml.writeEndElement();
    xml.writeEndDocument();
    return ApiResponse.of(200, "text/xml", out.toString());
  }

  @Override
  public ApiResponse error(Target<QueryRequest> target, ApiError error, ApiCall call) {
    try {
      StringWriter out = new StringWriter();
      XMLStreamWriter xml = XML.createXMLStreamWriter(out);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeStartElement("ErrorResponse");
      xml.writeDefaultNamespace(namespaceOf(target));
      xml.writeStartElement("Error");
      XmlNode.node().add("Type", error.status() >= 500 ? "Receiver" : "Sender").add("Code", error.code())
          .add("Message", error.message()).write(xml);
      xml.writeEndElement();
      xml.writeStartElement("RequestId");
      xml.writeCharacters(call.requestId());
      xml.writeEndElement();
      xml.writeEndElement();
      xml.writeEndDocument();
      return ApiResponse.of(error.status(), "text/xml", out.toString());
    } catch (XMLStreamException e) {
      throw new IllegalStateException("writing XML to a string cannot fail", e);
    }
  }

  @Override
  public ApiError unknownOperation(Target<QueryRequest> target) {
    return new ApiError(400, "InvalidAction", "Could not find operation " + target.operation() + " for version "
        + (target.service() == sts ? STS_VERSION : IAM_VERSION));
  }

  @Override
  public String authenticationErrorCode(AuthFailure failure) {
    return switch (failure) {
      case MISSING_AUTHENTICATION -> "MissingAuthenticationToken";
      case INCOMPLETE_SIGNATURE -> "IncompleteSignature";
      case UNRECOGNIZED_CLIENT, INVALID_TOKEN -> "InvalidClientTokenId";
      case EXPIRED_TOKEN -> "ExpiredToken";
      case SIGNATURE_MISMATCH, REQUEST_EXPIRED -> "SignatureDoesNotMatch";
    };
  }

  @Override
  public ApiError accessDenied(String message) {
    return new ApiError(403, "AccessDenied", message);
  }

  @Override
  public ApiError internalFailure() {
    return new ApiError(500, "ServiceFailure", "The request processing has failed because of an unknown error.");
  }

  /** IAM and STS share the endpoint: the Version says which one is meant, or else the signing scope. */
  private ApiService<QueryRequest> serviceOf(ApiCall call, Map<String, String> parameters) {
    String version = parameters.get("Version");
    if (STS_VERSION.equals(version)) {
      return sts;
    }
    if (IAM_VERSION.equals(version)) {
      return iam;
    }
    String authorization = call.header("Authorization").orElse("");
    return authorization.contains("/sts/aws4_request") ? sts : iam;
  }

  private String namespaceOf(Target<QueryRequest> target) {
    return target.service() == sts
        ? "https://sts.amazonaws.com/doc/" + STS_VERSION + "/"
        : "https://iam.amazonaws.com/doc/" + IAM_VERSION + "/";
  }

  static Map<String, String> parse(String form) {
    Map<String, String> parameters = new LinkedHashMap<>();
    for (String pair : form.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      parameters.put(name, value);
    }
    return parameters;
  }
}
