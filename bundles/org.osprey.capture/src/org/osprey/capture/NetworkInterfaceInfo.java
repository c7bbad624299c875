package org.osprey.capture;

import java.util.List;

/**
 * A network interface live capture can open, as libpcap lists it.
 *
 * @param name the name to pass to {@link LiveCaptureOptions} (e.g. {@code eth0}, {@code lo})
 * @param description libpcap's description, or {@code ""} when it has none (Linux usually has none)
 * @param addresses the interface's IP addresses as text (IPv4 and IPv6), possibly empty
 * @param loopback whether it is a loopback interface
 * @param up whether it is up
 */
public record NetworkInterfaceInfo(String name, String description, List<String> addresses, boolean loopback,
        boolean up) {

    public NetworkInterfaceInfo {
        description = description == null ? "" : description;
        addresses = List.copyOf(addresses);
    }

    /** One line for lists and error messages, like {@code eth0 (up, 192.168.1.5)}. */
    public String describe() {
        StringBuilder text = new StringBuilder(name).append(" (").append(up ? "up" : "down");
        if (loopback) {
            text.append(", loopback");
        }
        for (String address : addresses) {
            text.append(", ").append(address);
        }
        if (!description.isEmpty()) {
            text.append(", ").append(description);
        }
        return text.append(')').toString();
    }
}
