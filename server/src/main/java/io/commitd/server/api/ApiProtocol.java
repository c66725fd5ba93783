package io.commitd.server.api;

/** One wire protocol at {@code POST /}: AWS JSON 1.1 (CodeCommit) or Query (IAM, STS). */
public interface ApiProtocol {
  /** True when this protocol recognises the request (by target header, form action, …). */
  boolean accepts(ApiCall call);

  /** Answers the request. Never throws for a client's mistake: that is an error response. */
  ApiResponse handle(ApiCall call);
}
