package io.asyncio4j.subprocess;

import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static io.asyncio4j.Asyncio.createSubprocessExec;
import static io.asyncio4j.Asyncio.createSubprocessShell;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A child that cannot start raises what CPython 3.13's {@code create_subprocess_exec} raises, in
 * its words ({@code str(OSError)}). The expectations were printed by /tmp/procdiff/spawn.py.
 */
@ExtendWith(AsyncioExtension.class)
class SubprocessStartErrorsTest {

    private static final SubprocessOptions STDOUT = SubprocessOptions.DEFAULT.stdout(Stdio.PIPE);

    @Test
    void aMissingProgramGivenByItsPathIsNamedAsGiven() {
        // FileNotFoundError [Errno 2] No such file or directory: '/nonexist/x'
        FileNotFoundException e = assertThrows(FileNotFoundException.class,
                () -> createSubprocessExec(STDOUT, "/asyncio4j-nonexist/x"));
        assertEquals("[Errno 2] No such file or directory: '/asyncio4j-nonexist/x'", e.getMessage());
    }

    @Test
    void aDirectoryAsTheProgramIsPermissionDenied() {
        // PermissionError [Errno 13] Permission denied: '/tmp'
        AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> createSubprocessExec(STDOUT, "/tmp"));
        assertEquals("[Errno 13] Permission denied: '/tmp'", e.getMessage());
    }

    @Test
    void aWorkingDirectoryThatIsAFileIsNotADirectoryNamingIt() throws Exception {
        // NotADirectoryError [Errno 20] Not a directory: '/etc/passwd'
        Path f = Files.createTempFile("asyncio4j-cwd", ".txt");
        try {
            NotDirectoryException e = assertThrows(NotDirectoryException.class,
                    () -> createSubprocessExec(STDOUT.cwd(f), "true"));
            assertEquals("[Errno 20] Not a directory: '" + f + "'", e.getMessage());
            assertEquals(f.toString(), e.getFile());
        } finally {
            Files.delete(f);
        }
    }

    @Test
    void aMissingWorkingDirectoryIsNamedRatherThanTheProgram() {
        // CPython changes directory before exec: the cwd is what it names, even for a missing program
        FileNotFoundException e = assertThrows(FileNotFoundException.class,
                () -> createSubprocessExec(STDOUT.cwd(Path.of("/asyncio4j-no-such-dir")), "asyncio4j-nonexist"));
        assertEquals("[Errno 2] No such file or directory: '/asyncio4j-no-such-dir'", e.getMessage());
    }

    @Test
    void anExecutableFileInNoKnownFormatIsAnExecFormatError() throws Exception {
        // OSError [Errno 8] Exec format error: '/tmp/procdiff/noexec.bin'; the JDK's ProcessBuilder
        // runs such a file with /bin/sh instead, so only the loop's own spawn can match
        assumeTrue(PosixSpawn.AVAILABLE, "only posix_spawn reports ENOEXEC");
        Path f = Files.createTempFile("asyncio4j-noexec", ".bin",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            Files.write(f, new byte[] {0x7f, 'E', 'L', 'F', 'x'});
            IOException e = assertThrows(IOException.class, () -> createSubprocessExec(STDOUT, f.toString()));
            assertSame(IOException.class, e.getClass());
            assertEquals("[Errno 8] Exec format error: '" + f + "'", e.getMessage());
        } finally {
            Files.delete(f);
        }
    }

    @Test
    void anEmptyShellCommandRunsAndExitsZero() throws Exception {
        // create_subprocess_shell(''): returncode 0, (b'', b'')
        Process p = createSubprocessShell("", STDOUT.stderr(Stdio.PIPE));
        ProcessOutput out = p.communicate();
        assertEquals("", out.stdoutText());
        assertEquals("", out.stderrText());
        assertEquals(0, p.returncode());
    }

    @Test
    void aShellCommandThatIsNotFoundExitsWith127() throws Exception {
        // create_subprocess_shell('nonexist'): returncode 127, stderr b'/bin/sh: 1: nonexist: not found\n'
        Process p = createSubprocessShell("asyncio4j-nonexist", STDOUT.stderr(Stdio.PIPE));
        ProcessOutput out = p.communicate();
        assertEquals(127, p.returncode());
        assertEquals("/bin/sh: 1: asyncio4j-nonexist: not found\n", out.stderrText());
    }

    @Test
    void aNulInAnArgumentIsRefusedRatherThanCuttingTheArgumentShort() {
        // ValueError: embedded null byte (/tmp/procdiff/nul.py); posix_spawn would pass "a"
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> createSubprocessExec(STDOUT, "echo", "a\0b"));
        assertEquals("createSubprocessExec(): embedded null byte in argument 1 'a\\x00b': the child would get it "
                + "cut short at the NUL; remove it", e.getMessage());
    }

    @Test
    void aNulInTheProgramIsRefused() {
        // ValueError: embedded null byte
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> createSubprocessExec(STDOUT, "ec\0ho"));
        assertTrue(e.getMessage().startsWith("createSubprocessExec(): embedded null byte in the program 'ec\\x00ho'"),
                e.getMessage());
    }

    @Test
    void aNulInAShellCommandIsRefused() {
        // ValueError: embedded null byte
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> createSubprocessShell("echo a\0b", STDOUT));
        assertTrue(e.getMessage().startsWith("createSubprocessShell(): embedded null byte in argument 2"),
                e.getMessage());
    }

    @Test
    void aNulInAnEnvironmentValueIsRefused() {
        // ValueError: embedded null byte
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> createSubprocessExec(STDOUT.env(Map.of("A", "x\0y")), "true"));
        assertEquals("createSubprocessExec(): embedded null byte in the environment variable 'A': the child would "
                + "get it cut short at the NUL; remove it", e.getMessage());
    }

    @Test
    void anEqualsSignInAnEnvironmentNameIsRefused() {
        // ValueError: illegal environment variable name; posix_spawn would set A to "B=x"
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> createSubprocessExec(STDOUT.env(Map.of("A=B", "x")), "true"));
        assertEquals("createSubprocessExec(): illegal environment variable name 'A=B': a name cannot contain '='",
                e.getMessage());
    }

    @Test
    void anEmptyEnvironmentNameIsAllowedAsInPython() throws Exception {
        // env={'': 'x'}: OK (b'', None)
        Process p = createSubprocessExec(STDOUT.env(Map.of("", "x")), "true");
        p.communicate();
        assertEquals(0, p.returncode());
    }
}
