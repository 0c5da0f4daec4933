package dev.sandboxc.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Rule IDs are SBX-AREA-NNN, checked by hand as the pattern would check them. */
class RuleInfoTest {
    @Test
    void idsAreCheckedAsThePatternChecksThem() {
        Pattern id = Pattern.compile("SBX-[A-Z]+-\\d{3}");
        for (String s : List.of("SBX-SHARE-001", "SBX-A-999", "SBX--001", "SBX-SHARE-01", "SBX-SHARE-0001", "SBX-share-001",
                "SBX-SHA_RE-001", "sbx-SHARE-001", "SBX-SHARE001", "SBX-SHARE-00a", "XSBX-SHARE-001", "SBX-", "", "SBX-SHARE-\u0661\u0662\u0663")) {
            assertEquals(id.matcher(s).matches(), RuleInfo.wellFormed(s), s);
        }
    }
}
