package dev.sandboxc.policy.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** SBX-SHARE-003 flags exactly the folders its text names. */
class SystemFolderSharedTest {

    static String share(String source) {
        return "sandbox agent {\n  share s {\n    source = \"" + source + "\"\n    mount  = /data\n  }\n}\n";
    }

    @Test
    void theTextNamesEveryFolderTheRuleFlags() {
        for (String folder : SystemFolderShared.SYSTEM) {
            assertTrue(SystemFolderShared.INFO.rationale().contains(folder + ",") || SystemFolderShared.INFO.rationale().contains(folder + ", and"),
                    folder + " is flagged but not named: " + SystemFolderShared.INFO.rationale());
            assertEquals(1, NetworkAndResourceRulesTest.of("SBX-SHARE-003", NetworkAndResourceRulesTest.lint(share(folder + "/x"))).size(), folder);
        }
    }

    /** Site data and users' data are not the host's system: /srv/data is where ci.md says data should move. */
    @Test
    void dataFoldersAreNotSystemFolders() {
        for (String data : List.of("/srv/data", "/srv", "/home/alice/project/data", "/mnt/data", "/data/sets")) {
            assertEquals(List.of(), NetworkAndResourceRulesTest.of("SBX-SHARE-003", NetworkAndResourceRulesTest.lint(share(data))), data);
        }
    }
}
