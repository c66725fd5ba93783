package io.commitd.git.merge;

import org.eclipse.jgit.lib.ObjectId;

/** The commit a merge ends at and its tree: what the merge operations answer. */
public record MergeOutcome(ObjectId commitId, ObjectId treeId) {}
