package dev.sandboxc.policy.rules;

import dev.sandboxc.policy.Rule;
import java.util.List;

/** Rules about host folders shared into the guest. */
final class ShareRules {
    static final List<Rule> ALL = List.of(new HomeOrRootShared(), new CredentialFolderShared(), new SystemFolderShared(),
            new SocketShared(), new WritableNixStore(), new ShareEscapesProject(), new HostTrustedFilesWritable(),
            new WritableWithoutSaying(), new NinePWithoutMapping(), new ReadOnlyOnlyInGuest());

    /** Folders holding credentials, relative to a home folder. Sharing one of them, or a parent, exposes them. */
    static final List<String> CREDENTIAL_FOLDERS = List.of("~/.ssh", "~/.aws", "~/.gnupg", "~/.kube", "~/.docker",
            "~/.config", "~/.azure", "~/.netrc", "~/.password-store", "~/.local/share/keyrings", "~/.npmrc",
            "~/.pypirc", "~/.git-credentials", "~/.terraform.d", "~/.vault-token", "~/.cargo/credentials.toml",
            "~/.m2/settings.xml", "~/.gradle/gradle.properties", "~/.mozilla", "~/.thunderbird");

    private ShareRules() {}
}
