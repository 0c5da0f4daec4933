package dev.sandboxc.policy.rules;

import dev.sandboxc.model.Sandbox;
import dev.sandboxc.model.SecretSource;
import dev.sandboxc.model.Val;
import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleInfo;
import dev.sandboxc.policy.SandboxCheck;
import dev.sandboxc.policy.Severity;
import java.util.List;
import java.util.regex.Pattern;

/** SBX-SECRET-002: a secret passed to the hypervisor's environment through host-env. */
final class SecretInHypervisorEnv extends Rule {
    static final RuleInfo INFO = new RuleInfo("SBX-SECRET-002", Severity.HIGH,
            "Secret in the hypervisor's environment",
            "The launcher starts the hypervisor and virtiofsd with a cleared environment, so that keys exported "
                    + "in the user's shell do not reach them. `host-env` lets named variables through. A secret "
                    + "there never reaches the guest (the seed's `ANTHROPIC_API_KEY=... microvm-run` did not work), "
                    + "but it is readable in /proc/PID/environ by every process of the user, ends up in crash dumps "
                    + "and is inherited by every helper the hypervisor starts.",
            List.of("docs/design.md#why-sandboxc-exists  (the seed passed the API key to microvm-run)",
                    "docs/design.md#secrets  (Secrets never enter a process argument list or the hypervisor's environment)",
                    "CWE-526: Exposure of Sensitive Information Through Environmental Variables"),
            "Remove the variable from host-env. Declare it as a secret (`secret NAME { from = env \"VAR\" }`) and "
                    + "reference it from the agent (`api-key = secret NAME`); the launcher delivers it to the guest.",
            """
            sandbox agent {
              host-env = [ "ANTHROPIC_API_KEY" ]
              agent claude-code { }
            }
            """,
            """
            sandbox agent {
              host-env = [ "RUST_LOG" ]
              agent claude-code { api-key = secret anthropic }
              secret anthropic { from = env "ANTHROPIC_API_KEY" }
              network { allow = [ "api.anthropic.com:443" ] }
            }
            """);

    private static final Pattern CREDENTIAL_NAME = Pattern.compile(
            ".*(KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|AUTH|COOKIE|SESSION|PRIVATE).*|AWS_.*|GOOGLE_APPLICATION_CREDENTIALS|SSH_AUTH_SOCK");

    @Override public RuleInfo info() { return INFO; }

    @Override public void check(SandboxCheck check) {
        Sandbox s = check.sandbox();
        for (Val<String> name : s.hostEnv()) {
            boolean declared = s.secrets().stream().anyMatch(sec -> sec.from().value().kind() == SecretSource.Kind.ENV
                    && sec.from().value().name().equals(name.value()));
            if (declared) {
                check.report(name.span(), name.value() + " is the source of a declared secret and is also passed to the hypervisor");
            } else if (CREDENTIAL_NAME.matcher(name.value()).matches()) {
                check.report(name.span(), name.value() + " looks like a credential and is passed to the hypervisor's environment");
            }
        }
    }
}
