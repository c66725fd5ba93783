package io.commitd.transport.http;

import io.commitd.iam.auth.Requester;
import io.commitd.transport.GitAccess;
import io.commitd.transport.GitAccess.OpenRepository;
import io.commitd.transport.GitAccessDeniedException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.UploadPack;
import org.eclipse.jgit.transport.resolver.ServiceNotAuthorizedException;

/** JGit's smart HTTP servlet, resolving repositories and building packs through {@link GitAccess}. */
public final class GitHttpServlets {
  static final String REPOSITORY = "commitd.repository";

  private GitHttpServlets() {}

  public static GitServlet gitServlet(GitAccess access) {
    GitServlet servlet = new GitServlet();
    servlet.setRepositoryResolver((HttpServletRequest request, String name) -> {
      Requester requester = requester(request);
      String repositoryName = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
      try {
        OpenRepository repository = access.open(requester, repositoryName)
            .orElseThrow(() -> new RepositoryNotFoundException(repositoryName));
        request.setAttribute(REPOSITORY, repository);
        return repository.git();
      } catch (RepositoryNotFoundException e) {
        throw e;
      } catch (IOException e) {
        throw new RepositoryNotFoundException(repositoryName, e);
      }
    });
    servlet.setUploadPackFactory((HttpServletRequest request, Repository git) -> {
      OpenRepository repository = (OpenRepository) request.getAttribute(REPOSITORY);
      try {
        access.authorizePull(requester(request), repository.record(), "HTTP");
      } catch (GitAccessDeniedException e) {
        throw new ServiceNotAuthorizedException(e.getMessage());
      }
      String protocol = request.getHeader("Git-Protocol");
      List<String> extra = protocol == null ? List.of() : Arrays.asList(protocol.split(":"));
      UploadPack uploadPack = access.uploadPack(repository, requester(request), extra, "HTTP");
      return uploadPack;
    });
    servlet.setUploadPackErrorHandler(MalformedRequests.UPLOAD_PACK);
    servlet.setReceivePackErrorHandler(MalformedRequests.RECEIVE_PACK);
    servlet.setReceivePackFactory((HttpServletRequest request, Repository git) -> {
      OpenRepository repository = (OpenRepository) request.getAttribute(REPOSITORY);
      ReceivePack receivePack = access.receivePack(repository, requester(request), "HTTP");
      return receivePack;
    });
    return servlet;
  }

  private static Requester requester(HttpServletRequest request) {
    return (Requester) request.getAttribute(GitAuthenticationFilter.REQUESTER);
  }
}
