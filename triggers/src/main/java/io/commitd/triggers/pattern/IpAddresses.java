package io.commitd.triggers.pattern;

import java.util.Optional;

/**
 * Parses IPv4 and IPv6 literals into bytes without ever touching DNS, which
 * {@code InetAddress.getByName} would do for anything that is not a literal.
 */
final class IpAddresses {

    private IpAddresses() {
    }

    /** The 4 or 16 bytes of an address literal, or empty when the text is not one. */
    static Optional<byte[]> parse(String text) {
        if (text.indexOf(':') >= 0) {
            return parseIpv6(text);
        }
        return parseIpv4(text);
    }

    static Optional<byte[]> parseIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                return Optional.empty();
            }
            bytes[i] = (byte) value;
        }
        return Optional.of(bytes);
    }

    static Optional<byte[]> parseIpv6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return Optional.empty();
        }
        byte[] bytes = new byte[16];
        if (gap < 0) {
            return fillGroups(text, bytes, 0, 16) ? Optional.of(bytes) : Optional.empty();
        }
        String head = text.substring(0, gap);
        String tail = text.substring(gap + 2);
        byte[] tailBytes = new byte[16];
        int headLength = groupBytes(head);
        int tailLength = groupBytes(tail);
        if (headLength < 0 || tailLength < 0 || headLength + tailLength > 14) {
            return Optional.empty();
        }
        if (!fillGroups(head, bytes, 0, headLength) || !fillGroups(tail, tailBytes, 0, tailLength)) {
            return Optional.empty();
        }
        System.arraycopy(tailBytes, 0, bytes, 16 - tailLength, tailLength);
        return Optional.of(bytes);
    }

    /** How many bytes a run of colon-separated groups stands for, or -1 when malformed. */
    private static int groupBytes(String groups) {
        if (groups.isEmpty()) {
            return 0;
        }
        String[] parts = groups.split(":", -1);
        boolean endsInIpv4 = parts[parts.length - 1].indexOf('.') >= 0;
        return endsInIpv4 ? (parts.length - 1) * 2 + 4 : parts.length * 2;
    }

    /** Writes the groups into {@code bytes} from {@code offset}; they must fill exactly {@code length} bytes. */
    private static boolean fillGroups(String groups, byte[] bytes, int offset, int length) {
        if (groups.isEmpty()) {
            return length == 0;
        }
        String[] parts = groups.split(":", -1);
        int position = offset;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            boolean last = i == parts.length - 1;
            if (last && part.indexOf('.') >= 0) {
                Optional<byte[]> ipv4 = parseIpv4(part);
                if (ipv4.isEmpty() || position + 4 > bytes.length) {
                    return false;
                }
                System.arraycopy(ipv4.get(), 0, bytes, position, 4);
                position += 4;
                continue;
            }
            if (part.isEmpty() || part.length() > 4 || !isHex(part) || position + 2 > bytes.length) {
                return false;
            }
            int value = Integer.parseInt(part, 16);
            bytes[position++] = (byte) (value >>> 8);
            bytes[position++] = (byte) value;
        }
        return position - offset == length;
    }

    private static boolean isHex(String text) {
        return text.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }
}
