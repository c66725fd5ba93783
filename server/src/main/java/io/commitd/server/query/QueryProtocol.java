package io.commitd.server.query;

import io.commitd.iam.auth.AuthorizationResult;
import io.commitd.iam.auth.Authorizer;
import io.commitd.iam.auth.Caller;
import io.commitd.iam.auth.GlobalConditionKeys;
import io.commitd.iam.auth.RequestAuthenticator;
import io.commitd.iam.sigv4.AuthFailure;
import io.commitd.iam.sigv4.AuthenticationException;
import io.commitd.server.api.ApiCall;
import io.commitd.server.api.ApiProtocol;
import io.commitd.server.api.ApiResponse;
import io.commitd.storage.errors.AwsException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.StringWriter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AWS Query protocol of IAM (Version 2010-05-08) and STS (2011-06-15): form-encoded
 * {@code Action=…} requests, XML answers and {@code ErrorResponse} errors.
 */
public final class QueryProtocol implements ApiProtocol {
  private static final Logger LOG = LoggerFactory.getLogger(QueryProtocol.class);
  private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

  /** A Query service: its name in IAM actions, its API version and XML namespace, its actions. */
  public record Service(String prefix, String version, String namespace, QueryRegistry actions) {}

  private final Service iam;
  private final Service sts;
  private final RequestAuthenticator authenticator;
  private final Authorizer authorizer;
  private final MeterRegistry metrics;

  public QueryProtocol(Service iam, Service sts, RequestAuthenticator authenticator, Authorizer authorizer, MeterRegistry metrics) {
    this.iam = iam;
    this.sts = sts;
    this.authenticator = authenticator;
    this.authorizer = authorizer;
    this.metrics = metrics;
  }

  public static Service iam(QueryRegistry actions) {
    return new Service("iam", "2010-05-08", "https://iam.amazonaws.com/doc/2010-05-08/", actions);
  }

  public static Service sts(QueryRegistry actions) {
    return new Service("sts", "2011-06-15", "https://sts.amazonaws.com/doc/2011-06-15/", actions);
  }

  @Override
  public boolean accepts(ApiCall call) {
    return call.header("X-Amz-Target").isEmpty()
        && call.header("Content-Type").map(t -> t.startsWith("application/x-www-form-urlencoded")).orElse(false);
  }

  @Override
  public ApiResponse handle(ApiCall call) {
    Map<String, String> parameters = parse(call.bodyText());
    Service service = serviceOf(call, parameters);
    String action = parameters.getOrDefault("Action", "");
    Timer.Sample sample = Timer.start(metrics);
    String outcome = "OK";
    try {
      return ApiResponse.of(200, "text/xml", success(service, action, dispatch(service, action, parameters, call), call.requestId()));
    } catch (AwsException e) {
      outcome = e.code();
      return error(service, e.status(), e.code(), e.getMessage(), call.requestId());
    } catch (AuthenticationException e) {
      outcome = authCode(e.failure());
      return error(service, 403, outcome, e.getMessage(), call.requestId());
    } catch (Exception e) {
      outcome = "InternalFailure";
      LOG.error("request {} failed", call.requestId(), e);
      return error(service, 500, "ServiceFailure", "The request processing has failed because of an unknown error.", call.requestId());
    } finally {
      String tag = service.actions().find(action).isPresent() ? action : "unknown";
      sample.stop(metrics.timer("commitd.api.requests", "service", service.prefix(), "operation", tag, "outcome", outcome));
    }
  }

  private XmlNode dispatch(Service service, String action, Map<String, String> parameters, ApiCall call) throws Exception {
    Caller caller = authenticator.authenticate(call.signedRequest());
    QueryOperation operation = service.actions().find(action)
        .orElseThrow(() -> AwsException.badRequest("InvalidAction", "Could not find operation " + action + " for version " + service.version()));
    QueryRequest request = new QueryRequest(caller, parameters, call);
    String resource = operation.resource(request);
    if (resource != null) {
      String iamAction = service.prefix() + ":" + action;
      AuthorizationResult result = authorizer.authorize(caller, iamAction, resource, GlobalConditionKeys.of(caller, call.facts()));
      if (!result.allowed()) {
        throw new AwsException("AccessDenied", 403, "User: " + caller.principalArn() + " is not authorized to perform: " + iamAction
            + " on resource: " + resource + " " + result.explanation());
      }
    }
    return operation.invoke(request);
  }

  /** IAM and STS share the endpoint: the Version says which one is meant, or else the signing scope. */
  private Service serviceOf(ApiCall call, Map<String, String> parameters) {
    String version = parameters.get("Version");
    if (sts.version().equals(version)) {
      return sts;
    }
    if (iam.version().equals(version)) {
      return iam;
    }
    String authorization = call.header("Authorization").orElse("");
    return authorization.contains("/sts/aws4_request") ? sts : iam;
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

  private static String success(Service service, String action, XmlNode result, String requestId) throws XMLStreamException {
    StringWriter out = new StringWriter();
    XMLStreamWriter xml = XML.createXMLStreamWriter(out);
    xml.writeStartDocument("UTF-8", "1.0");
    xml.writeStartElement(action + "Response");
    xml.writeDefaultNamespace(service.namespace());
    xml.writeStartElement(action + "Result");
    if (result != null) {
      result.write(xml);
    }
    xml.writeEndElement();
    xml.writeStartElement("ResponseMetadata");
    xml.writeStartElement("RequestId");
    xml.writeCharacters(requestId);
    xml.writeEndElement();
    xml.writeEndElement();
    xml.writeEndElement();
    xml.writeEndDocument();
    return out.toString();
  }

  static ApiResponse error(Service service, int status, String code, String message, String requestId) {
    try {
      StringWriter out = new StringWriter();
      XMLStreamWriter xml = XML.createXMLStreamWriter(out);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeStartElement("ErrorResponse");
      xml.writeDefaultNamespace(service.namespace());
      xml.writeStartElement("Error");
      XmlNode.node().add("Type", status >= 500 ? "Receiver" : "Sender").add("Code", code).add("Message", message).write(xml);
      xml.writeEndElement();
      xml.writeStartElement("RequestId");
      xml.writeCharacters(requestId);
      xml.writeEndElement();
      xml.writeEndElement();
      xml.writeEndDocument();
      return ApiResponse.of(status, "text/xml", out.toString());
    } catch (XMLStreamException e) {
      throw new IllegalStateException("writing XML to a string cannot fail", e);
    }
  }

  private static String authCode(AuthFailure failure) {
    return switch (failure) {
      case MISSING_AUTHENTICATION -> "MissingAuthenticationToken";
      case INCOMPLETE_SIGNATURE -> "IncompleteSignature";
      case UNRECOGNIZED_CLIENT, INVALID_TOKEN -> "InvalidClientTokenId";
      case EXPIRED_TOKEN -> "ExpiredToken";
      case SIGNATURE_MISMATCH, REQUEST_EXPIRED -> "SignatureDoesNotMatch";
    };
  }
}
