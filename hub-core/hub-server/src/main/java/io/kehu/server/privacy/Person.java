package io.kehu.server.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Everything that names one person in the hub, as ids: the profile, the profiles merged into it, and the
 * normalized identifier keys of all of them. Held in memory for one erasure only.
 */
public record Person(String profileId, List<String> mergedIds, Set<String> identifierKeys) {

    public Person {
        mergedIds = List.copyOf(mergedIds);
        identifierKeys = Set.copyOf(identifierKeys);
    }

    /** The profile's id and those merged into it: what records of the person carry as their profile id. */
    public List<String> profileIds() {
        List<String> all = new ArrayList<>(mergedIds);
        all.add(profileId);
        return all;
    }
}
