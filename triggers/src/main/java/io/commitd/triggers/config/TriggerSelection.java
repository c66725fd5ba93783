package io.commitd.triggers.config;

import java.util.List;

/**
 * Decides whether a (valid) trigger fires for one ref change.
 *
 * <p>Our reading of CodeCommit, whose documentation speaks only of branches:
 * <ul>
 *   <li>Events: {@code all} fires on every change; otherwise the change's event
 *       ({@code createReference}, {@code updateReference}, {@code deleteReference}) must be listed.</li>
 *   <li>An empty branch list ("all branches") fires for every branch and also for tags: CodeCommit
 *       sends trigger records whose {@code ref} is {@code refs/tags/…} to such triggers.</li>
 *   <li>A non-empty branch list fires only for {@code refs/heads/NAME} with NAME listed, compared
 *       exactly (case-sensitive, no patterns). A tag never matches it, even one named like a
 *       listed branch.</li>
 *   <li>Refs outside {@code refs/heads/} and {@code refs/tags/} (notes, pull-request refs, …)
 *       never fire a trigger.</li>
 * </ul>
 */
public final class TriggerSelection {

    private static final String BRANCH_PREFIX = "refs/heads/";
    private static final String TAG_PREFIX = "refs/tags/";

    private TriggerSelection() {
    }

    public static boolean firesFor(RepositoryTrigger trigger, String refFullName, ReferenceChange change) {
        return listensTo(trigger.events(), change) && coversRef(trigger.branches(), refFullName);
    }

    private static boolean listensTo(List<String> events, ReferenceChange change) {
        return events.contains(TriggerEvent.ALL.wireName()) || events.contains(change.triggerEvent().wireName());
    }

    private static boolean coversRef(List<String> branches, String refFullName) {
        boolean isBranch = refFullName.startsWith(BRANCH_PREFIX) && refFullName.length() > BRANCH_PREFIX.length();
        boolean isTag = refFullName.startsWith(TAG_PREFIX) && refFullName.length() > TAG_PREFIX.length();
        if (branches.isEmpty()) {
            return isBranch || isTag;
        }
        return isBranch && branches.contains(refFullName.substring(BRANCH_PREFIX.length()));
    }
}
