package dev.vcrproxy.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Command output never shows a key, whatever the cassette on disk holds. */
class MaskedOutputTest {
    private static final String KEY = "sk-proj-Abc123def456GHI789jkl012MNO345pqr";

    @TempDir
    Path fixtures;

    @Test
    void aKeySplitOverSeveralWritesIsMaskedOnceTheLineIsComplete() {
        StringWriter target = new StringWriter();
        PrintWriter out = MaskedOutput.around(new PrintWriter(target));
        out.print("request ");
        out.print(KEY.substring(0, 10));
        out.print(KEY.substring(10));
        out.println(" sent");
        out.print("no newline " + KEY);
        out.flush();
        assertThat(target.toString()).isEqualTo("request sk-proj-Abc1…<redacted> sent" + System.lineSeparator()
                + "no newline sk-proj-Abc1…<redacted>");
    }

    @Test
    void cassettesShowMasksAHandWrittenKeyInPathAndBodiesAlsoWhereItShortensThem() throws IOException {
        // a cassette edited by hand, or written before its key was caught: show must not print the key
        String prompt = "p".repeat(140) + " " + KEY; // cut at 160 characters, in the middle of the key
        Files.writeString(fixtures.resolve("leaky.json"), """
                {"format": 1, "name": "leaky", "interactions": [{"key": "%s", "seq": 0, "recorded_at": "2026-11-24T10:15:02Z",
                 "duration_ms": 5, "request": {"method": "POST", "route": "/", "path": "/v1/files/%s", "query": {}, "headers": {},
                 "body": {"prompt": "%s"}},
                 "response": {"status": 200, "headers": {"content-type": "text/plain"}, "body_text": "%s"}}]}
                """.formatted("0".repeat(64), KEY, prompt, KEY));
        for (String format : new String[] {"--text", "--json"}) {
            StringWriter out = new StringWriter();
            var cli = VcrProxyCli.commandLine();
            cli.setOut(new PrintWriter(out, true));
            String[] args = format.equals("--json")
                    ? new String[] {"cassettes", "show", "leaky", "--json", "--fixtures", fixtures.toString()}
                    : new String[] {"cassettes", "show", "leaky", "--fixtures", fixtures.toString()};
            assertThat(cli.execute(args)).isZero();
            assertThat(out.toString()).as(format).contains("sk-proj-Abc1…<redacted>").doesNotContain(KEY, "sk-proj-Abc123");
        }
    }
}
