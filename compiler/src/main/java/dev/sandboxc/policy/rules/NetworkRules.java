package dev.sandboxc.policy.rules;

import dev.sandboxc.policy.Rule;
import java.util.List;

/** Rules about where the guest's traffic can go. */
final class NetworkRules {
    static final List<Rule> ALL = List.of(new EgressWithoutAllowlist(), new OverBroadDomain(),
            new GuestResolvesDns(), new PrivateAddressReachable(), new TapOntoLan(), new ForwardBeyondLoopback(),
            new RawIpAllowed(), new NonHttpsPort());

    private NetworkRules() {}
}
