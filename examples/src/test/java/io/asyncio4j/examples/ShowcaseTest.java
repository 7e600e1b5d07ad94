package io.asyncio4j.examples;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's first command runs examples/Showcase.java; it must keep working and say what it says. */
class ShowcaseTest {

    @Test
    void theShowcasePrintsEachStepAndFinishesInAboutASecond() throws Exception {
        ExampleRun.Result r = ExampleRun.run(ExampleRun.examplesDir().resolve("Showcase.java"), 120);
        assertEquals(0, r.exitCode(), "stderr:\n" + r.stderr());
        List<String> out = r.stdout();
        assertEquals(List.of(
                "gather: [1700, 1800, 1900]",
                "timeout: gave up on the slow page after 0.2 s",
                "task group: https://broken.example answered 500",
                "queue: 12 pages by 3 workers"), out.subList(0, 4), "output:\n" + String.join("\n", out));
        assertEquals(5, out.size(), "output:\n" + String.join("\n", out));
        assertTrue(out.get(4).matches("done in \\d+\\.\\d s"), out.get(4));
    }
}
