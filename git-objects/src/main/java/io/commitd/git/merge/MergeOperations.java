package io.commitd.git.merge;

/** What each branch did to a conflicting path since the merge base. */
public record MergeOperations(ChangeType source, ChangeType destination) {}
