package dev.sandboxc.policy.rules;

import dev.sandboxc.model.Access;
import dev.sandboxc.model.Sandbox;
import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleInfo;
import dev.sandboxc.policy.SandboxCheck;
import dev.sandboxc.policy.Severity;
import java.util.List;

/** SBX-SHARE-008: a sandbox gets a writable share only through `extends`, without saying so itself. */
final class WritableWithoutSaying extends Rule {
    static final RuleInfo INFO = new RuleInfo("SBX-SHARE-008", Severity.LOW,
            "Writable share inherited without saying so",
            "Shares are read-only unless a file says `access = read-write`. When a sandbox gets write access only "
                    + "through `extends`, a reader of that sandbox sees no sign of it, and a profile edit can silently "
                    + "give write access to every sandbox built on it.",
            List.of("docs/design.md#shares  (Shares are read-only unless declared otherwise)"),
            "Say it in the sandbox that needs it: repeat `access = read-write` in its `share NAME { }` block, or keep "
                    + "the profile read-only and grant write access per sandbox.",
            """
            profile base {
              share workspace {
                source = "./src"
                mount  = /workspace
                access = read-write
              }
            }
            sandbox reviewer extends base {
              agent aider { }
            }
            """,
            """
            profile base {
              share workspace {
                source = "./src"
                mount  = /workspace
              }
            }
            sandbox writer extends base {
              share workspace { access = read-write }
            }
            """);

    @Override public RuleInfo info() { return INFO; }

    @Override public void check(SandboxCheck check) {
        if (check.sandbox().parent().isEmpty()) return;
        for (Sandbox.Share share : check.sandbox().shares()) {
            if (share.access().value() == Access.READ_WRITE && share.access().given()
                    && !check.writtenHere(share.access().span())) {
                check.report(share.access().span(), "sandbox " + check.sandbox().name() + " gets share " + share.name()
                        + " writable from " + check.sandbox().parent().get().value() + " without saying so");
            }
        }
    }
}
