package io.kehu.search;

import java.util.List;

/** One page of hits and the total number of matches. */
public record SearchPage<T>(long total, List<T> items) {
}
