package dev.sandboxc.policy.rules;

import dev.sandboxc.model.Access;
import dev.sandboxc.model.Sandbox;
import dev.sandboxc.policy.HostPaths;
import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleInfo;
import dev.sandboxc.policy.SandboxCheck;
import dev.sandboxc.policy.Severity;
import java.util.List;

/** SBX-SHARE-005: the host's /nix/store shared writable. */
final class WritableNixStore extends Rule {
    static final RuleInfo INFO = new RuleInfo("SBX-SHARE-005", Severity.CRITICAL,
            "Writable /nix/store shared with the guest",
            "Everything the host runs comes from /nix/store, and Nix trusts that store paths never change. A guest "
                    + "that can write there can replace any binary or library the host will execute next. "
                    + "microvm.nix already gives the guest the closure it needs read-only; writes belong in the "
                    + "guest's own overlay, which sandboxc keeps in memory.",
            List.of("docs/design.md#shares  (Shares: a writable /nix/store is refused)", "microvm.nix: writableStoreOverlay"),
            "Remove the share; add what the guest needs to `packages`. The guest's writable store overlay is "
                    + "already there.",
            """
            sandbox agent {
              share store {
                source = "/nix/store"
                mount  = /host-store
                access = read-write
              }
            }
            """,
            """
            sandbox agent {
              packages = [ nix-tree ]
            }
            """);

    @Override public RuleInfo info() { return INFO; }

    @Override public void check(SandboxCheck check) {
        for (Sandbox.Share share : check.sandbox().shares()) {
            if (share.access().value() != Access.READ_WRITE) continue;
            HostPaths.Judged p = check.paths().judge(share.source().value());
            if (p.within("/nix/store") || p.contains("/nix/store")) {
                check.report(share.access().span(), "share " + share.name() + " lets the guest write the host's /nix/store" + p.via());
            }
        }
    }
}
