package org.lemongate.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The generated configuration, checked without Dovecot installed; DovecotServerTest runs it for real. */
class DovecotConfigTest {

    private static final DovecotLayout LAYOUT = new DovecotLayout(Path.of("/tmp/lg-dovecot42"));
    private static final ServerAccounts ROOT = new ServerAccounts(true, "dovecot", "dovecot", "dovenull", "nobody", "nogroup");
    private static final ServerAccounts ALICE = new ServerAccounts(false, "alice", "staff", "alice", "1000", "1000");

    @Test
    void writesUsersInTheGivenOrderWithPlainPasswords() {
        Map<String, String> users = new LinkedHashMap<>();
        users.put("zoe", "z-pass");
        users.put("adam", "a-pass");
        DovecotConfig config = new DovecotConfig(users, 1024 * 1024, 10, false, Map.of());
        assertEquals("zoe:{PLAIN}z-pass::::::\nadam:{PLAIN}a-pass::::::\n", config.passwdFile());
    }

    @Test
    void listensOnLoopbackOnlyWithoutImaps() {
        String conf = config(false, Map.of()).render(LAYOUT, ROOT, 10143);
        assertTrue(conf.contains("listen = 127.0.0.1\n"), conf);
        assertTrue(conf.contains("    address = 127.0.0.1\n    port = 10143\n"), conf);
        assertTrue(conf.contains("inet_listener imaps {\n    port = 0\n"), conf);
        assertTrue(conf.contains("base_dir = /tmp/lg-dovecot42/run\n"), conf);
        assertTrue(conf.contains("quota_rule = *:storage=5242880B\n"), conf);
        assertTrue(conf.contains("mail_max_userip_connections = 3\n"), conf);
    }

    @Test
    void dropsLoginDelaysUnlessAsked() {
        String fast = config(false, Map.of()).render(LAYOUT, ROOT, 10143);
        assertTrue(fast.contains("auth_failure_delay = 0\n"), fast);
        assertTrue(fast.contains("unix_listener anvil-auth-penalty {\n    mode = 0\n"), fast);

        String strict = config(true, Map.of()).render(LAYOUT, ROOT, 10143);
        assertFalse(strict.contains("auth_failure_delay"), strict);
        assertFalse(strict.contains("anvil-auth-penalty"), strict);
    }

    @Test
    void runsEverythingAsTheUserWhenNotRoot() {
        String conf = config(false, Map.of()).render(LAYOUT, ALICE, 10143);
        assertTrue(conf.contains("default_internal_user = alice\ndefault_internal_group = staff\n"
                + "default_login_user = alice\n"), conf);
        assertTrue(conf.contains("default_fields = uid=1000 gid=1000 home=/tmp/lg-dovecot42/home/%u"), conf);
        assertTrue(conf.contains("service imap-login {\n  chroot =\n"), conf);
        assertTrue(conf.contains("service anvil {\n  chroot =\n"), conf);
        assertFalse(config(false, Map.of()).render(LAYOUT, ROOT, 10143).contains("chroot"));
    }

    @Test
    void writesExtraSettingsLastSoTheyWin() {
        String conf = config(false, Map.of("mail_max_userip_connections", "50")).render(LAYOUT, ROOT, 10143);
        assertTrue(conf.endsWith("mail_max_userip_connections = 50\n"), conf);
    }

    @Test
    void rejectsInputThatWouldCorruptTheGeneratedFiles() {
        assertThrows(IllegalArgumentException.class, () -> users(Map.of("alice", "pa:ss")));
        assertThrows(IllegalArgumentException.class, () -> users(Map.of("alice", "line\nbreak")));
        assertThrows(IllegalArgumentException.class, () -> users(Map.of("al ice", "secret")));
        assertThrows(IllegalArgumentException.class, () -> users(Map.of("", "secret")));
        assertThrows(IllegalArgumentException.class, () -> users(Map.of()));
        assertThrows(IllegalArgumentException.class, () -> config(false, Map.of("ssl", "no\nssl = yes")));
        assertThrows(IllegalArgumentException.class, () -> config(false, Map.of("ssl = yes\nx", "no")));
        assertThrows(IllegalArgumentException.class,
                () -> new DovecotConfig(Map.of("alice", "secret"), 1024, 0, false, Map.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new DovecotConfig(Map.of("alice", "secret"), 1023, 10, false, Map.of()));
    }

    @Test
    void theBuilderValidatesBeforeLookingForDovecot() {
        assertThrows(IllegalArgumentException.class, () -> DovecotServer.start(Map.of("alice", "pa:ss")));
        assertThrows(IllegalArgumentException.class,
                () -> DovecotServer.builder().user("alice", "secret").maxUserIpConnections(0).start());
    }

    private static DovecotConfig config(boolean loginDelays, Map<String, String> extra) {
        return new DovecotConfig(Map.of("alice", "secret"), 5L * 1024 * 1024, 3, loginDelays, extra);
    }

    private static DovecotConfig users(Map<String, String> users) {
        return new DovecotConfig(users, 1024 * 1024, 10, false, Map.of());
    }
}
