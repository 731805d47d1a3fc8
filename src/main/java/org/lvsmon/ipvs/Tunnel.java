package org.lvsmon.ipvs;

/**
 * A real server's tunnel settings (kernel 5.2 and later): encapsulation, UDP port for GUE, and
 * checksum flags. The kernel keeps them for every real server, whatever its forwarding method, and
 * resets them unless an edit resends them.
 *
 * @param type the encapsulation
 * @param port the UDP destination port (GUE), 0..65535, 0 when unused
 * @param flags {@code IP_VS_TUNNEL_ENCAP_FLAG_*} bits, 0..65535
 */
public record Tunnel(Type type, int port, int flags) {
  /** What the kernel assumes when no tunnel settings are sent: IPIP, no port, no flags. */
  public static final Tunnel IPIP = new Tunnel(Type.IPIP, 0, 0);

  /** {@code IP_VS_TUNNEL_ENCAP_FLAG_NOCSUM}: no checksum (ipvsadm --tun-nocsum). */
  public static final int FLAG_NOCSUM = 0;
  /** {@code IP_VS_TUNNEL_ENCAP_FLAG_CSUM}: checksum (ipvsadm --tun-csum). */
  public static final int FLAG_CSUM = 1 << 0;
  /** {@code IP_VS_TUNNEL_ENCAP_FLAG_REMCSUM}: remote checksum offload (ipvsadm --tun-remcsum). */
  public static final int FLAG_REMCSUM = 1 << 1;

  public Tunnel {
    if (type == null) {
      throw new IllegalArgumentException("tunnel type is null");
    }
    Endpoints.checkPort("tunnel port", port);
    if (flags < 0 || flags > 0xffff) {
      throw new IllegalArgumentException("tunnel flags " + flags + " out of range 0..65535");
    }
  }

  /** Tunnel encapsulation ({@code IP_VS_CONN_F_TUNNEL_TYPE_*}). */
  public enum Type {
    IPIP(0),
    GUE(1),
    GRE(2);

    private final int number;

    Type(int number) {
      this.number = number;
    }

    public int number() {
      return number;
    }

    /**
     * @throws IllegalArgumentException for a number the kernel does not define
     */
    public static Type of(int number) {
      for (Type t : values()) {
        if (t.number == number) {
          return t;
        }
      }
      throw new IllegalArgumentException("tunnel type " + number + " is not one of IPIP 0, GUE 1, GRE 2");
    }
  }
}
