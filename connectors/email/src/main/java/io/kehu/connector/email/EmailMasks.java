package io.kehu.connector.email;

/**
 * Masks personal data for DEBUG log lines (INFO and above never carry any): enough to tell two
 * values apart while debugging, not enough to write to the person. The hub has its own masking,
 * but hub-api does not offer it to plugins.
 */
final class EmailMasks {

    private EmailMasks() {
    }

    /** {@code zhang.san@example.com} → {@code z***@example.com}; null-safe. */
    static String email(String address) {
        if (address == null) {
            return null;
        }
        int at = address.lastIndexOf('@');
        String local = at < 0 ? address : address.substring(0, at);
        String domain = at < 0 ? "" : address.substring(at);
        if (local.codePointCount(0, local.length()) <= 1) {
            return "***" + domain;
        }
        return new StringBuilder().appendCodePoint(local.codePointAt(0)).append("***").append(domain).toString();
    }
}
