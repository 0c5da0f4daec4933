package dev.sandboxc.model;

/** The seven hypervisors the pinned microvm.nix has runners for. */
public enum Hypervisor implements Keyword {
    QEMU("qemu"),
    CLOUD_HYPERVISOR("cloud-hypervisor"),
    FIRECRACKER("firecracker"),
    CROSVM("crosvm"),
    KVMTOOL("kvmtool"),
    STRATOVIRT("stratovirt"),
    ALIOTH("alioth");

    private final String keyword;
    Hypervisor(String keyword) { this.keyword = keyword; }
    @Override public String keyword() { return keyword; }
}
