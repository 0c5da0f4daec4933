package dev.sandboxc.policy.rules;

import dev.sandboxc.policy.Rule;
import java.util.List;

/** Rules about secrets: literals, where they are read from and where they travel. */
final class SecretRules {
    static final List<Rule> ALL = List.of(new LiteralSecret(), new SecretInHypervisorEnv(), new SecretReadIntoStore(),
            new OneTokenForEveryAgent(), new InitialPassword(), new SecretsFolderShared(), new SecretFileInSharedTemp());

    private SecretRules() {}
}
