package io.kehu.connector.webform;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The optional list of client addresses (single IPs or CIDR blocks, IPv4 or IPv6) an instance
 * accepts requests from. Only IP literals are accepted: a host name would make every request
 * wait on DNS, and DNS is not a trustworthy source of "who sent this".
 */
final class SourceAllowlist {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private record Block(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Block> blocks;

    private SourceAllowlist(List<Block> blocks) {
        this.blocks = blocks;
    }

    /** @throws IllegalArgumentException naming the first entry that is not an IP or CIDR block */
    static SourceAllowlist parse(List<String> entries) {
        List<Block> blocks = new ArrayList<>();
        for (String entry : entries) {
            String e = entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            int slash = e.indexOf('/');
            String ip = slash < 0 ? e : e.substring(0, slash);
            byte[] address = literal(ip);
            if (address == null) {
                throw new IllegalArgumentException("'" + e + "' is not an IP address or CIDR block");
            }
            int prefix = address.length * 8;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(e.substring(slash + 1));
                } catch (NumberFormatException ex) {
                    throw new IllegalArgumentException("'" + e + "' has no valid prefix length");
                }
                if (prefix < 0 || prefix > address.length * 8) {
                    throw new IllegalArgumentException("'" + e + "' has a prefix length out of range");
                }
            }
            blocks.add(new Block(address, prefix));
        }
        return new SourceAllowlist(List.copyOf(blocks));
    }

    boolean isEmpty() {
        return blocks.isEmpty();
    }

    /** Whether the address may send requests; every address may when the list is empty. */
    boolean allows(String remoteAddress) {
        if (blocks.isEmpty()) {
            return true;
        }
        byte[] address = remoteAddress == null ? null : literal(remoteAddress.strip());
        if (address == null) {
            return false;
        }
        for (Block b : blocks) {
            if (b.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** The bytes of an IP literal, or null when the text is not one (never a DNS lookup). */
    static byte[] literal(String text) {
        String t = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        int zone = t.indexOf('%');
        if (zone >= 0) {
            t = t.substring(0, zone);
        }
        if (IPV4.matcher(t).matches()) {
            for (String part : t.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return null;
                }
            }
        } else if (!IPV6.matcher(t).matches()) {
            return null;
        }
        try {
            // A literal, checked above, so this parses and never resolves.
            return unmapIpv4(InetAddress.getByName(t).getAddress());
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** {@code ::ffff:1.2.3.4} as the IPv4 address it carries, so one IPv4 entry covers both forms. */
    private static byte[] unmapIpv4(byte[] a) {
        if (a.length != 16) {
            return a;
        }
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return a;
            }
        }
        if (a[10] != (byte) 0xFF || a[11] != (byte) 0xFF) {
            return a;
        }
        return new byte[] {a[12], a[13], a[14], a[15]};
    }
}
