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
        List<Val<String>> hostEnv,
        List<Share> shares,
        List<Volume> volumes,
        List<Secret> secrets,
        Network network,
        User user,
        Audit audit) {

    /** {@code timeout} is {@link Duration#NONE} when the file says `timeout = none`. */
    public record Resources(Val<Size> memory, Val<Integer> vcpus, Val<Duration> timeout,
                            Val<Boolean> balloon, Val<Size> hotplugMemory, Optional<Val<String>> cpu,
                            Optional<Val<Integer>> vsock) {}

    public record Agent(String name, Span span, AgentKind kind, Val<Autonomy> autonomy,
                        Optional<Val<String>> apiKey, List<Val<String>> args, Val<GuestPath> workdir) {}

    public record Share(String name, Span span, Val<HostPath> source, Val<GuestPath> mount,
                        Val<ShareProto> proto, Val<Access> access, Val<String> tag, Val<NinePSecurity> security) {}

    /**
     * A disk image that keeps its contents from one run to the next, mounted in the
     * guest; created empty (ext4) on first use. {@code image} is a host path.
     */
    public record Volume(String name, Span span, Val<GuestPath> mount, Val<Size> size, Val<HostPath> image) {}

    /**
     * @param from null only when the file has errors (its source is missing or malformed, and
     *             reported): the secret is still declared, so references to it resolve, but
     *             nothing past the checker ever sees it
     */
    public record Secret(String name, Span span, Val<SecretSource> from) {}

    public record Network(Span span, Val<NetMode> mode, List<Val<Domain>> allow, List<Val<Forward>> forwards,
                          Optional<Val<String>> bridge, Val<String> interfaceId) {}

    public record User(String name, Span span, Val<Sudo> sudo, Optional<Val<String>> gitName,
                       Optional<Val<String>> gitEmail, List<Val<KeySource>> authorizedKeys,
                       Optional<Val<String>> initialPassword) {}

    /** {@code dir}: a guest folder that also receives history and transcripts as files. */
    public record Audit(Span span, Val<Boolean> commands, Val<Boolean> sessions, Val<Boolean> egress,
                        Val<Boolean> journal, Optional<Val<GuestPath>> dir) {}

    public Optional<Secret> secret(String name) {
        return secrets.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
