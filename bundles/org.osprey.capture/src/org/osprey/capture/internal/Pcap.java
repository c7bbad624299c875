package org.osprey.capture.internal;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.osprey.capture.CaptureException;
import org.osprey.capture.CaptureException.Reason;
import org.osprey.capture.NetworkInterfaceInfo;
import org.pcap4j.core.PcapAddress;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.Pcaps;

/**
 * libpcap through pcap4j, and turning its failures into messages a person can act on: the permission it needs and
 * how to grant it, the interfaces that do exist, or the package to install.
 */
final class Pcap {

    /** The interfaces libpcap can open. */
    List<NetworkInterfaceInfo> interfaces() throws CaptureException {
        List<PcapNetworkInterface> devices;
        try {
            devices = Pcaps.findAllDevs();
        } catch (PcapNativeException e) {
            throw new CaptureException(Reason.CAPTURE_FAILED, "cannot list network interfaces: " + pcapMessage(e), e);
        } catch (RuntimeException | LinkageError e) {
            throw libraryFailure(e);
        }
        List<NetworkInterfaceInfo> result = new ArrayList<>(devices.size());
        for (PcapNetworkInterface device : devices) {
            List<String> addresses = new ArrayList<>();
            for (PcapAddress address : device.getAddresses()) {
                InetAddress ip = address.getAddress();
                if (ip != null) {
                    addresses.add(ip.getHostAddress());
                }
            }
            result.add(new NetworkInterfaceInfo(device.getName(), device.getDescription(), addresses,
                    device.isLoopBack(), device.isUp()));
        }
        return result;
    }

    /**
     * The interface named {@code name}.
     *
     * @throws CaptureException NO_SUCH_INTERFACE, listing the interfaces there are, when there is none
     */
    NetworkInterfaceInfo requireInterface(String name) throws CaptureException {
        List<NetworkInterfaceInfo> all = interfaces();
        for (NetworkInterfaceInfo info : all) {
            if (info.name().equals(name)) {
                return info;
            }
        }
        throw noSuchInterface(name, all);
    }

    private static CaptureException noSuchInterface(String name, List<NetworkInterfaceInfo> all) {
        String available = all.isEmpty() ? "none (is this a container without network access?)"
                : all.stream().map(NetworkInterfaceInfo::describe).collect(Collectors.joining(", "));
        return new CaptureException(Reason.NO_SUCH_INTERFACE,
                "there is no network interface '" + name + "'; available: " + available);
    }

    /** The failure of opening or activating a capture handle on {@code name}. */
    CaptureException openFailure(String name, PcapNativeException e) {
        String message = pcapMessage(e);
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("operation not permitted") || lower.contains("permission")) {
            return new CaptureException(Reason.PERMISSION_DENIED, permissionMessage(name, message), e);
        }
        if (lower.contains("no such device")) {
            List<NetworkInterfaceInfo> all;
            try {
                all = interfaces();
            } catch (CaptureException listing) {
                all = List.of();
            }
            return noSuchInterface(name, all);
        }
        if (lower.contains("not up")) {
            return new CaptureException(Reason.CAPTURE_FAILED, "cannot capture on " + name + ": " + message
                    + " (bring it up first, e.g. sudo ip link set " + name + " up)", e);
        }
        return new CaptureException(Reason.CAPTURE_FAILED, "cannot capture on " + name + ": " + message, e);
    }

    /** What to tell a person whose process may not capture. */
    static String permissionMessage(String interfaceName, String pcapMessage) {
        return "capturing on " + interfaceName + " needs CAP_NET_RAW: sudo setcap cap_net_raw,cap_net_admin=eip "
                + javaExecutable() + ", or run as root (libpcap said: " + pcapMessage + ")";
    }

    /** The real path of the running java binary: setcap must be given the file itself, not a symbolic link. */
    static String javaExecutable() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        try {
            return java.toRealPath().toString();
        } catch (Exception e) {
            return Files.exists(java) ? java.toString() : "<path of the java binary>";
        }
    }

    /** libpcap or JNA could not be loaded. */
    static CaptureException libraryFailure(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new CaptureException(Reason.NO_LIBPCAP, "live capture needs libpcap, which could not be loaded ("
                + root + "); install it (Debian/Ubuntu: sudo apt-get install libpcap0.8)", e);
    }

    /** libpcap's own message, without pcap4j's decoration when there is one. */
    static String pcapMessage(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.strip();
    }

    /** Whether opening failed only because nanosecond timestamps are not supported here. */
    static boolean isTimestampPrecisionProblem(PcapNativeException e) {
        String message = pcapMessage(e).toLowerCase(Locale.ROOT);
        return message.contains("precision") || message.contains("tstamp");
    }
}
