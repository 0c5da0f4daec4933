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
 * that asks for more is a compile error here rather than a throw in Nix:
 * <ul>
 * <li>shares: qemu has 9p and virtiofs; cloud-hypervisor, stratovirt and alioth only
 *     virtiofs ("supports only shares that are virtiofs", "9p shares not implemented
 *     for alioth"); kvmtool only 9p ("virtiofs shares not implemented for kvmtool");
 *     firecracker none ("9p/virtiofs shares not implemented for Firecracker"); crosvm
 *     passes 9p as --shared-dir, which is reported broken, so only virtiofs here;</li>
 * <li>interfaces: user on qemu and kvmtool; bridge on qemu; tap everywhere; the others
 *     throw "Unsupported interface type". stratovirt's runner writes user and bridge
 *     netdevs in qemu's syntax, which stratovirt itself does not take, so tap only;</li>
 * <li>forwardPorts: asserts.nix requires qemu and a user interface ("works only with
 *     qemu and one network interface with type = user"); the restricted allowlist
 *     netdev is sandboxc's own, built with qemu.extraArgs;</li>
 * <li>balloon: firecracker, stratovirt and alioth throw "balloon not implemented";
 *     hotplugMem: every runner but cloud-hypervisor throws; vsock.cid: qemu, crosvm,
 *     kvmtool and alioth (cloud-hypervisor keeps its vsock for systemd notify);
 *     microvm.cpu: qemu only.</li>
 * </ul>
 *
 * @param shareProtos  what the runner accepts for shares
 * @param netModes     network modes sandboxc can lower onto the runner's interfaces
 * @param forwardModes network modes under which port forwards work
 */
public record Capabilities(Hypervisor hypervisor, Set<ShareProto> shareProtos, Set<NetMode> netModes,
                           Set<NetMode> forwardModes, boolean balloon, boolean hotplug, boolean vsock, boolean cpuModel,
                           String nineNote) {

    private static final Set<NetMode> ALL_NET = EnumSet.allOf(NetMode.class);
    private static final Set<NetMode> TAP_ONLY = EnumSet.of(NetMode.NONE, NetMode.TAP);
    private static final Set<NetMode> NO_FORWARDS = EnumSet.noneOf(NetMode.class);

    private static final List<Capabilities> TABLE = List.of(
            new Capabilities(Hypervisor.QEMU, EnumSet.of(ShareProto.VIRTIOFS, ShareProto.NINE_P), ALL_NET,
                    EnumSet.of(NetMode.NAT, NetMode.ALLOWLIST), true, false, true, true, ""),
            new Capabilities(Hypervisor.CLOUD_HYPERVISOR, EnumSet.of(ShareProto.VIRTIOFS), TAP_ONLY,
                    NO_FORWARDS, true, true, false, false, " (its runner supports only virtiofs)"),
            new Capabilities(Hypervisor.FIRECRACKER, EnumSet.noneOf(ShareProto.class), TAP_ONLY,
                    NO_FORWARDS, false, false, false, false, " (its runner supports no shares)"),
            new Capabilities(Hypervisor.CROSVM, EnumSet.of(ShareProto.VIRTIOFS), TAP_ONLY,
                    NO_FORWARDS, true, false, true, false, " (its 9p is reported broken)"),
            new Capabilities(Hypervisor.KVMTOOL, EnumSet.of(ShareProto.NINE_P),
                    EnumSet.of(NetMode.NONE, NetMode.NAT, NetMode.TAP),
                    NO_FORWARDS, true, false, true, false, " (its runner has no virtiofs)"),
            new Capabilities(Hypervisor.STRATOVIRT, EnumSet.of(ShareProto.VIRTIOFS), TAP_ONLY,
                    NO_FORWARDS, false, false, false, false, " (its runner supports only virtiofs)"),
            new Capabilities(Hypervisor.ALIOTH, EnumSet.of(ShareProto.VIRTIOFS), TAP_ONLY,
                    NO_FORWARDS, false, false, true, false, " (its runner supports only virtiofs)"));

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

    /**
     * qemu alone takes arbitrary extra devices through microvm.qemu.extraArgs: fw_cfg
     * files (secrets, task text) and virtio-serial ports (records streamed to the host).
     */
    public boolean fwCfg() { return hypervisor == Hypervisor.QEMU; }

    /**
     * Whether the guest's records (journal, exec log) and task results can stream to the
     * host as they are written: qemu through virtio-serial ports, cloud-hypervisor through
     * the vsock microvm.nix gives it (its host end is a Unix socket per port). The other
     * runners take no device sandboxc could add, so records stay in the guest.
     */
    public boolean hostRecords() { return hypervisor == Hypervisor.QEMU || hypervisor == Hypervisor.CLOUD_HYPERVISOR; }

    /** The hypervisors that have a capability, for hints: "use qemu, kvmtool". */
    static List<String> where(java.util.function.Predicate<Capabilities> has) {
        return TABLE.stream().filter(has).map(c -> c.hypervisor.keyword()).toList();
    }
}
