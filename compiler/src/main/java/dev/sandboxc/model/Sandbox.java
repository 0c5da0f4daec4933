package dev.sandboxc.model;

import java.util.List;
import java.util.Optional;

/**
 * One sandbox after `extends` and defaults are resolved: everything the checker,
 * the policy and the emitter read. Nothing here is optional in the sense of
 * "unknown": every setting has a value, given or default.
 */
public record Sandbox(
        String name,
        Span span,
        Optional<Val<String>> parent,
        Val<SystemArch> system,
        Val<Hypervisor> hypervisor,
        Val<String> nixpkgs,
        Val<String> microvm,
        Val<String> stateVersion,
        Resources resources,
        List<Agent> agents,
        List<Val<String>> packages,
        List<Share> shares,
        List<Secret> secrets,
        Network network,
        User user,
        Audit audit) {

    public record Resources(Val<Size> memory, Val<Integer> vcpus, Val<Duration> timeout,
                            Val<Boolean> balloon, Val<Size> hotplugMemory, Optional<Val<String>> cpu,
                            Optional<Val<Integer>> vsock) {}

    public record Agent(String name, Span span, AgentKind kind, Val<Autonomy> autonomy,
                        Optional<Val<String>> apiKey, List<Val<String>> args, Val<GuestPath> workdir) {}

    public record Share(String name, Span span, Val<HostPath> source, Val<GuestPath> mount,
                        Val<ShareProto> proto, Val<Access> access, Val<String> tag) {}

    public record Secret(String name, Span span, Val<SecretSource> from) {}

    public record Network(Span span, Val<NetMode> mode, List<Val<Domain>> allow, List<Val<Forward>> forwards,
                          Optional<Val<String>> bridge, Val<String> interfaceId) {}

    public record User(String name, Span span, Val<Sudo> sudo, Optional<Val<String>> gitName,
                       Optional<Val<String>> gitEmail, List<Val<KeySource>> authorizedKeys) {}

    public record Audit(Span span, Val<Boolean> commands, Val<Boolean> sessions, Val<Boolean> egress,
                        Val<Boolean> journal) {}

    public Optional<Secret> secret(String name) {
        return secrets.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
