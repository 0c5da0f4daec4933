package dev.sandboxc.policy.rules;

import dev.sandboxc.model.Sandbox;
import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleInfo;
import dev.sandboxc.policy.SandboxCheck;
import dev.sandboxc.policy.Severity;
import java.util.List;

/** SBX-RES-005: a volume that keeps the guest's state from one run to the next. */
final class PersistentVolume extends Rule {
    static final RuleInfo INFO = new RuleInfo("SBX-RES-005", Severity.MEDIUM,
            "Persistent volume",
            "A sandbox is meant to be disposable: every run starts from the declared image, so nothing an agent "
                    + "did in one run (a poisoned package cache, a backdoored tool in a PATH folder, notes that steer "
                    + "the next agent) survives into the next. A volume keeps its contents between runs, and it "
                    + "accumulates whatever the guest, with root or not, writes there. It also grows without bound "
                    + "on the host.",
            List.of("docs/design.md#ephemeral-state  (Ephemeral: no persistent volume unless declared)",
                    "Agent MicroVMs page, best practice 1: ephemeral by default"),
            "Drop the volume and let caches start empty, or make the dependency part of the image (`packages`). "
                    + "If a cache is worth keeping, mount it where nothing is executed from, and delete the image "
                    + "when a run went wrong.",
            """
            sandbox agent {
              volume cache {
                mount = /cache
                size  = 10 GiB
              }
            }
            """,
            """
            sandbox agent {
              packages = [ nodejs ]
            }
            """);

    @Override public RuleInfo info() { return INFO; }

    @Override public void check(SandboxCheck check) {
        for (Sandbox.Volume v : check.sandbox().volumes()) {
            check.report(v.span(), "volume " + v.name() + " keeps " + v.size().value() + " of guest state between runs, in "
                    + v.image().value().raw());
        }
    }
}
