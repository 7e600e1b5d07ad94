package io.asyncio4j.examples;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Runs the file and subprocess examples and compares their output exactly. */
class ProcAndFilesExamplesTest {

    private static void check(String program, List<String> expected) throws Exception {
        ExampleRun.Result r = ExampleRun.run(ExampleRun.examplesDir().resolve(program), 120);
        assertEquals(0, r.exitCode(), program + " exited with " + r.exitCode() + "; stderr:\n" + r.stderr());
        assertEquals(String.join("\n", expected), String.join("\n", r.stdout()),
                program + ": output differs; stderr:\n" + r.stderr());
    }

    @Test
    void asyncFilesPrintsSumsSizesAndTheAppendedLog() throws Exception {
        check("AsyncFiles.java", List.of(
                "small.txt: sum 55, 81 bytes",
                "medium.txt: sum 500500, 9893 bytes",
                "large.txt: sum 5000050000, 1188895 bytes",
                "started",
                "appended at byte 8",
                "missing.txt: NoSuchFileException"));
    }

    @Test
    void subprocessPipelineCountsWordsLikeTheShell() throws Exception {
        check("SubprocessPipeline.java", List.of(
                "3 apple",
                "1 fig",
                "2 pear",
                "return codes: 0 0 0",
                "most common: 3 apple",
                "SHOUT",
                "stderr was 0 bytes, return code 0",
                "terminated sleep: return code -15"));
    }
}
