package io.commitd.server.http;

import io.commitd.server.config.ConfigValidator;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The addresses (single or CIDR blocks, IPv4 or IPv6) of reverse proxies whose forwarded headers are believed. */
public final class TrustedProxies {
  private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

  private record Block(byte[] network, int prefix) {
    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      for (int bit = 0; bit < prefix; bit++) {
        int mask = 0x80 >>> (bit % 8);
        if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }

  private final List<Block> blocks;

  private TrustedProxies(List<Block> blocks) {
    this.blocks = List.copyOf(blocks);
  }

  /** Parses {@code 10.0.0.5}, {@code 10.0.0.0/8}, {@code ::1}, {@code fd00::/8}; anything else is a configuration error. */
  public static TrustedProxies of(List<String> entries) {
    List<Block> blocks = new ArrayList<>();
    for (String entry : entries) {
      String text = entry.trim();
      if (text.isEmpty()) {
        continue;
      }
      int slash = text.indexOf('/');
      byte[] address = literal(slash < 0 ? text : text.substring(0, slash));
      int prefix;
      try {
        prefix = slash < 0 ? address.length * 8 : Integer.parseInt(text.substring(slash + 1));
      } catch (NumberFormatException e) {
        prefix = -1;
      }
      if (address.length == 0 || prefix < 0 || prefix > address.length * 8) {
        throw new ConfigValidator.InvalidSettingException("COMMITD_TRUSTED_PROXIES", "'" + text + "' is not an IP address or CIDR block");
      }
      blocks.add(new Block(address, prefix));
    }
    return new TrustedProxies(blocks);
  }

  public boolean isEmpty() {
    return blocks.isEmpty();
  }

  public boolean trusts(String remoteAddress) {
    if (remoteAddress == null || blocks.isEmpty()) {
      return false;
    }
    byte[] address = literal(remoteAddress);
    return blocks.stream().anyMatch(b -> b.contains(address));
  }

  /** The bytes of a literal address; never a DNS lookup. Empty when {@code text} is no address. */
  static byte[] literal(String text) {
    String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    if (!LITERAL.matcher(bare).matches() || (!bare.contains(":") && bare.chars().filter(c -> c == '.').count() != 3)) {
      return new byte[0];
    }
    try {
      return InetAddress.getByName(bare).getAddress();
    } catch (UnknownHostException e) {
      return new byte[0];
    }
  }
}
