package io.commitd.transport.http;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.text.MessageFormat;
import org.eclipse.jgit.errors.PackProtocolException;
import org.eclipse.jgit.http.server.GitSmartHttpTools;
import org.eclipse.jgit.http.server.ReceivePackErrorHandler;
import org.eclipse.jgit.http.server.UploadPackErrorHandler;
import org.eclipse.jgit.internal.JGitText;
import org.eclipse.jgit.transport.ServiceMayNotContinueException;
import org.eclipse.jgit.transport.resolver.ServiceNotEnabledException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request body that is not made of packet lines is the client's mistake, answered as JGit answers
 * every other protocol error: HTTP 200 and an {@code ERR} packet the git client prints. JGit reports
 * such a body with a plain {@link IOException} (unchecked, on protocol v2's paths), which its servlets
 * would answer with a 500 and a logged stack trace per request. Everything else keeps JGit's handling.
 */
final class MalformedRequests {
  private static final Logger LOG = LoggerFactory.getLogger(MalformedRequests.class);
  private static final String INVALID_HEADER = prefix(JGitText.get().invalidPacketLineHeader);

  private MalformedRequests() {}

  /** JGit's own upload-pack handling (its default handler is private), but for malformed bodies. */
  static final UploadPackErrorHandler UPLOAD_PACK = (request, response, upload) -> {
    try {
      upload.upload();
    } catch (ServiceMayNotContinueException e) {
      if (!e.isOutput() && !response.isCommitted()) {
        response.reset();
        GitSmartHttpTools.sendError(request, response, e.getStatusCode(), e.getMessage());
      }
    } catch (Throwable e) {
      Throwable error = malformed(e) instanceof IOException invalid ? new PackProtocolException(invalid.getMessage()) : e;
      if (!(error instanceof PackProtocolException)) {
        LOG.warn("Internal error during upload-pack of {}", request.getRequestURI(), e);
      }
      if (!response.isCommitted()) {
        response.reset();
        boolean told = error instanceof PackProtocolException || error instanceof ServiceNotEnabledException;
        GitSmartHttpTools.sendError(request, response, UploadPackErrorHandler.statusCodeForThrowable(error),
            told ? error.getMessage() : null);
      }
    }
  };

  /** Malformed bodies answered here; anything else goes back to JGit's receive-pack servlet as it was. */
  static final ReceivePackErrorHandler RECEIVE_PACK = (request, response, receive) -> {
    try {
      receive.receive();
    } catch (IOException | RuntimeException e) {
      if (!(malformed(e) instanceof IOException invalid) || response.isCommitted()) {
        throw e;
      }
      response.reset();
      GitSmartHttpTools.sendError(request, response, HttpServletResponse.SC_OK, invalid.getMessage());
    }
  };

  /** The exception in {@code e}'s causes that says a packet line's length was not four hex digits, or null. */
  static Throwable malformed(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof IOException && cause.getMessage() != null && cause.getMessage().startsWith(INVALID_HEADER)) {
        return cause;
      }
    }
    return null;
  }

  /** A message pattern's text before its first argument. */
  private static String prefix(String pattern) {
    String formatted = MessageFormat.format(pattern, "\u0000");
    return formatted.substring(0, formatted.indexOf('\u0000'));
  }
}
