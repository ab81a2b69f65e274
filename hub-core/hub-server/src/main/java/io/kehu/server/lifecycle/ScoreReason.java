package io.kehu.server.lifecycle;

/**
 * Why a score has the points it has: one rule that fired (or, with rule {@code cap}, the points a
 * group's cap cut, as a negative number).
 *
 * @param group  {@code fit.<group>} or {@code engagement.<group>}
 * @param rule   the fit rule id, the engagement {@code type@channel}, or {@code cap}
 * @param points points contributed; engagement points are decayed and not rounded
 */
public record ScoreReason(String group, String rule, double points, String detail) {
}
