package io.commitd.server.codecommit;

/** A group of related CodeCommit operations (repositories, branches, files, …) and its handlers. */
public interface OperationFamily {
  void register(OperationRegistry registry);
}
