package io.commitd.triggers.events;

import java.util.Objects;

/** The three names CodeCommit gives a repository in its events. */
public record RepositoryIdentity(String name, String id, String arn) {

    public RepositoryIdentity {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(arn, "arn");
    }
}
