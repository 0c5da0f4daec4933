package dev.sandboxc.check;

import dev.sandboxc.model.Hypervisor;
import dev.sandboxc.model.NetMode;
import dev.sandboxc.model.ShareProto;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What each hypervisor can do in the pinned microvm.nix (f30ae9b9), read from its
 * runner code (lib/runners/*.nix) and nixos-modules/microvm/asserts.nix. A sandbox
 * that asks for more is a compile error here rather than a throw in Nix.
 *
 * @param shareProtos what microvm.nix's runner accepts for shares
 * @param netModes    network modes sandboxc can lower onto the runner's interface types
 * @param forwards    microvm.forwardPorts works (qemu user networking only)
 */
public record Capabilities(Hypervisor hypervisor, Set<ShareProto> shareProtos, Set<NetMode> netModes,
                           boolean forwards, boolean balloon, boolean hotplug, boolean vsock, boolean cpuModel,
                           String nineNote) {

    private static final Set<NetMode> ALL_NET = EnumSet.allOf(NetMode.class);
    private static final Set<NetMode> TAP_ONLY = EnumSet.of(NetMode.NONE, NetMode.TAP, NetMode.BRIDGE);

    private static final List<Capabilities> TABLE = List.of(
            new Capabilities(Hypervisor.QEMU, EnumSet.of(ShareProto.VIRTIOFS, ShareProto.NINE_P), ALL_NET,
                    true, true, true, true, true, ""),
            new Capabilities(Hypervisor.CLOUD_HYPERVISOR, EnumSet.of(ShareProto.VIRTIOFS), TAP_ONLY,
                    false, true, true, true, false, " (its runner has no 9p)"),
            new Capabilities(Hypervisor.FIRECRACKER, EnumSet.noneOf(ShareProto.class), TAP_ONLY,
                    false, true, false, true, false, " (its runner supports no shares)"),
            new Capabilities(Hypervisor.CROSVM, EnumSet.of(ShareProto.VIRTIOFS), TAP_ONLY,
                    false, true, false, true, false, " (its 9p is reported broken in microvm.nix)"),
            new Capabilities(Hypervisor.KVMTOOL, EnumSet.of(ShareProto.NINE_P),
                    EnumSet.of(NetMode.NONE, NetMode.ALLOWLIST, NetMode.NAT, NetMode.TAP, NetMode.BRIDGE),
                    false, true, false, true, false, " (its runner has no virtiofs)"),
            new Capabilities(Hypervisor.STRATOVIRT, EnumSet.of(ShareProto.VIRTIOFS), TAP_ONLY,
                    false, true, false, true, false, " (its runner has no 9p)"),
            new Capabilities(Hypervisor.ALIOTH, EnumSet.of(ShareProto.VIRTIOFS), TAP_ONLY,
                    false, false, false, true, false, " (its runner has no 9p)"));

    public static Capabilities of(Hypervisor h) {
        for (Capabilities c : TABLE) if (c.hypervisor == h) return c;
        throw new IllegalArgumentException(h.toString());
    }

    String shareNote(ShareProto proto) { return proto == ShareProto.NINE_P || shareProtos.isEmpty() ? nineNote : ""; }

    String netModeList() {
        List<String> out = new ArrayList<>();
        for (NetMode m : netModes) out.add(m.keyword());
        return String.join(", ", out);
    }

    static List<String> supporting(ShareProto proto) {
        return TABLE.stream().filter(c -> c.shareProtos.contains(proto)).map(c -> c.hypervisor.keyword()).toList();
    }

    static List<String> supportingBalloon() {
        return TABLE.stream().filter(Capabilities::balloon).map(c -> c.hypervisor.keyword()).toList();
    }

    static List<String> supportingHotplug() {
        return TABLE.stream().filter(Capabilities::hotplug).map(c -> c.hypervisor.keyword()).toList();
    }

    static List<String> supportingVsock() {
        return TABLE.stream().filter(Capabilities::vsock).map(c -> c.hypervisor.keyword()).toList();
    }
}
