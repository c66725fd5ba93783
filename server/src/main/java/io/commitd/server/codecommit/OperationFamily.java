package io.commitd.server.codecommit;

import io.commitd.server.api.OperationRegistry;

/** A group of related CodeCommit operations (repositories, branches, files, …) and its handlers. */
public interface OperationFamily {
  void register(OperationRegistry<OperationRequest> registry);
}
