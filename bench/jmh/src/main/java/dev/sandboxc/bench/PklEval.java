package dev.sandboxc.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.pkl.config.java.ConfigEvaluator;
import org.pkl.core.DataSize;
import org.pkl.core.Duration;
import org.pkl.core.ModuleSource;

/**
 * bench/run's comparison: evaluates bench/pkl/agent.pkl (examples/agent.sandbox written in
 * Pkl) with pkl-config-java and maps it onto typed Java objects, as an application reads
 * its config, then prints one line. The records mirror the Pkl classes; their names
 * reach pkl-config-java through javac's -parameters.
 */
public final class PklEval {
    private PklEval() {}

    public record Resources(DataSize memory, int vcpus, Duration timeout) {}

    public record Agent(String kind, String autonomy, String apiKey) {}

    public record Secret(String fromEnv) {}

    public record Share(String source, String mount, String proto, String access) {}

    public record Forward(String transport, String hostAddress, int hostPort, int guestPort) {}

    public record Network(List<String> allow, List<Forward> forward) {}

    public record GitIdentity(String name, String email) {}

    public record User(String name, String sudo, GitIdentity git, List<String> authorizedKeyFiles) {}

    public record Audit(boolean commands, boolean sessions, boolean egress) {}

    public record Sandbox(String name, String system, String hypervisor, String nixpkgs, Resources resources,
                          List<Agent> agents, List<String> packages, Map<String, Share> shares,
                          Map<String, Secret> secrets, Network network, List<User> users, Audit audit) {}

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: PklEval FILE.pkl");
            System.exit(2);
        }
        try (ConfigEvaluator evaluator = ConfigEvaluator.preconfigured()) {
            Sandbox s = evaluator.evaluate(ModuleSource.path(Path.of(args[0]))).get("sandbox").as(Sandbox.class);
            System.out.println("pkl: sandbox " + s.name() + ", " + s.resources().memory() + ", "
                    + s.agents().size() + " agent, " + s.network().allow().size() + " allowed hosts");
        }
    }
}
