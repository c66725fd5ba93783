package io.commitd.triggers.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Optional;

/**
 * {@code {"cidr": "10.0.0.0/24"}} or an IPv6 block: accepts string values that are addresses
 * of the same family inside the block. A bare address is taken as a block of one.
 */
record CidrMatcher(byte[] network, int prefixLength) implements ValueMatcher {

    CidrMatcher {
        network = network.clone();
    }

    static CidrMatcher parse(String block) {
        int slash = block.indexOf('/');
        String address = slash < 0 ? block : block.substring(0, slash);
        byte[] bytes = IpAddresses.parse(address)
                .orElseThrow(() -> new InvalidEventPatternException("cidr is not an IP address block: " + block));
        int maxLength = bytes.length * 8;
        int length = maxLength;
        if (slash >= 0) {
            String lengthText = block.substring(slash + 1);
            if (lengthText.isEmpty() || lengthText.length() > 3 || !lengthText.chars().allMatch(Character::isDigit)) {
                throw new InvalidEventPatternException("cidr has a malformed prefix length: " + block);
            }
            length = Integer.parseInt(lengthText);
            if (length > maxLength) {
                throw new InvalidEventPatternException("cidr prefix length exceeds " + maxLength + ": " + block);
            }
        }
        return new CidrMatcher(bytes, length);
    }

    @Override
    public boolean matchesValue(JsonNode value) {
        if (!value.isTextual()) {
            return false;
        }
        Optional<byte[]> address = IpAddresses.parse(value.textValue());
        return address.isPresent() && contains(address.get());
    }

    private boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int remainingBits = prefixLength % 8;
        if (remainingBits == 0) {
            return true;
        }
        int mask = (0xFF << (8 - remainingBits)) & 0xFF;
        return (address[fullBytes] & mask) == (network[fullBytes] & mask);
    }

    // Arrays in records compare by identity; these keep equality meaningful.
    @Override
    public boolean equals(Object other) {
        return other instanceof CidrMatcher that
                && prefixLength == that.prefixLength && Arrays.equals(network, that.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        return "CidrMatcher[" + Arrays.toString(network) + "/" + prefixLength + "]";
    }
}
