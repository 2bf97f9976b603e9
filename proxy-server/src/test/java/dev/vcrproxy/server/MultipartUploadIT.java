package dev.vcrproxy.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vcrproxy.cli.VcrProxyCli;
import dev.vcrproxy.mode.Mode;
import dev.vcrproxy.testing.Http;
import dev.vcrproxy.testing.UploadUpstream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Audio uploads through a real proxy: recorded from a stand-in transcription endpoint, replayed
 * offline for another upload of the same file with another boundary, and a miss naming the part.
 */
class MultipartUploadIT {
    private static final String PATH = "/v1/audio/transcriptions";

    @TempDir
    Path fixtures;
    @TempDir
    Path work;
    private UploadUpstream upstream;
    private final List<VcrProxyServer> proxies = new ArrayList<>();

    @BeforeEach
    void startUpstream() throws IOException {
        upstream = new UploadUpstream();
    }

    @AfterEach
    void stopAll() {
        proxies.forEach(VcrProxyServer::close);
        upstream.close();
    }

    private VcrProxyServer proxy(Mode mode, boolean withUpstream) throws InterruptedException {
        ProxyConfig.Builder builder = ProxyConfig.builder().port(0).fixtures(fixtures).mode(mode);
        if (withUpstream) {
            builder.upstream(upstream.uri().toString());
        }
        VcrProxyServer server = VcrProxyServer.start(builder.build());
        proxies.add(server);
        return server;
    }

    private static byte[] audio() {
        try (InputStream in = MultipartUploadIT.class.getResourceAsStream("/multipart/speech.mp3")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A transcription upload laid out as httpx (the openai SDK) lays it out. */
    private static byte[] upload(String boundary, String language, byte[] audio) {
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"language\"\r\n\r\n" + language + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"speech.mp3\"\r\n"
                + "Content-Type: audio/mpeg\r\n\r\n";
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(head.getBytes(StandardCharsets.UTF_8), head.length() + audio.length + tail.length);
        System.arraycopy(audio, 0, out, head.length(), audio.length);
        System.arraycopy(tail, 0, out, head.length() + audio.length, tail.length);
        return out;
    }

    private static HttpResponse<String> post(VcrProxyServer proxy, String contentType, byte[] body) {
        return Http.send(HttpRequest.newBuilder(URI.create(proxy.baseUrl() + PATH))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .header("Authorization", "Bearer sk-test-not-a-real-key")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    }

    private static HttpResponse<String> post(VcrProxyServer proxy, String boundary, String language) {
        return post(proxy, "multipart/form-data; boundary=" + boundary, upload(boundary, language, audio()));
    }

    private JsonNode cassette() throws IOException {
        return ProxyTestSupport.MAPPER.readTree(Files.readAllBytes(fixtures.resolve("default.json")));
    }

    private String cassettes(String... command) {
        var cli = VcrProxyCli.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        String[] args = new String[command.length + 3];
        args[0] = "cassettes";
        System.arraycopy(command, 0, args, 1, command.length);
        args[args.length - 2] = "--fixtures";
        args[args.length - 1] = fixtures.toString();
        int exit = cli.execute(args);
        assertThat(exit).as(out.toString()).isZero();
        return out.toString();
    }

    @Test
    void anotherUploadOfTheSameFileReplaysAsAHitAndAChangedPartIsNamed() throws Exception {
        String boundary = "0f9c2b8e1d7a46b3a5c4e2f1d0b9a8c7";
        VcrProxyServer recorder = proxy(Mode.RECORD_MISSING, true);
        HttpResponse<String> recorded = post(recorder, boundary, "en");
        assertThat(recorded.statusCode()).isEqualTo(200);
        assertThat(recorded.headers().firstValue("X-Vcr-Result")).hasValue("recorded");
        assertThat(upstream.uploads()).hasSize(1);
        assertThat(upstream.uploads().get(0).contentType()).isEqualTo("multipart/form-data; boundary=" + boundary);
        assertThat(upstream.uploads().get(0).body()).as("forwarded unchanged").isEqualTo(upload(boundary, "en", audio()));
        recorder.close();
        upstream.close();

        JsonNode request = cassette().at("/interactions/0/request");
        assertThat(request.at("/headers/content-type").asText()).isEqualTo("multipart/form-data");
        assertThat(request.at("/multipart/1/body_text").asText()).isEqualTo("en");
        assertThat(request.at("/multipart/2/filename").asText()).isEqualTo("speech.mp3");
        assertThat(request.has("body") || request.has("body_text") || request.has("body_base64")).isFalse();
        assertThat(cassettes("lint")).contains("0 problem(s)");
        assertThat(cassettes("show", "default"))
                .contains("request   multipart model=whisper-1, language=en, file (speech.mp3)=<" + audio().length + " bytes>");

        VcrProxyServer replayer = proxy(Mode.REPLAY, false);
        HttpResponse<String> hit = post(replayer, "5d41402abc4b2a76b9719d911017c592", "en");
        assertThat(hit.statusCode()).isEqualTo(200);
        assertThat(hit.headers().firstValue("X-Vcr-Result")).hasValue("hit");
        assertThat(hit.headers().firstValue("X-Vcr-Key")).isEqualTo(recorded.headers().firstValue("X-Vcr-Key"));
        assertThat(hit.body()).isEqualTo(recorded.body());

        HttpResponse<String> miss = post(replayer, "a87ff679a2f3e71d9181a67b7542122c", "de");
        assertThat(miss.statusCode()).isEqualTo(404);
        JsonNode error = ProxyTestSupport.json(miss.body()).path("error");
        assertThat(error.path("type").asText()).isEqualTo("vcr_cassette_miss");
        assertThat(error.path("message").asText()).contains("multipart /1/body_text: recorded \"en\", actual \"de\"");
        JsonNode difference = error.at("/closest/differences/0");
        assertThat(difference.path("field").asText()).isEqualTo("multipart");
        assertThat(difference.path("pointer").asText()).isEqualTo("/1/body_text");
        assertThat(error.at("/closest/differences").size()).isEqualTo(1);
    }

    @Test
    void aTruncatedUploadIsForwardedAndRecordedAsRawBytes() throws Exception {
        String boundary = "truncated0123456789";
        byte[] cut = Arrays.copyOf(upload(boundary, "en", audio()), 600);
        VcrProxyServer recorder = proxy(Mode.RECORD_MISSING, true);
        HttpResponse<String> recorded = post(recorder, "multipart/form-data; boundary=" + boundary, cut);
        assertThat(recorded.statusCode()).isEqualTo(200);
        assertThat(recorded.headers().firstValue("X-Vcr-Result")).hasValue("recorded");
        assertThat(upstream.uploads().get(0).body()).isEqualTo(cut);
        HttpResponse<String> noBoundary = post(recorder, "multipart/form-data", upload(boundary, "en", audio()));
        assertThat(noBoundary.headers().firstValue("X-Vcr-Result")).hasValue("recorded");
        recorder.close();

        JsonNode interactions = cassette().path("interactions");
        assertThat(interactions.size()).isEqualTo(2);
        interactions.forEach(i -> assertThat(i.path("request").has("multipart")).isFalse());
        assertThat(cassettes("lint")).contains("0 problem(s)");
        HttpResponse<String> replayed = post(proxy(Mode.REPLAY, false), "multipart/form-data; boundary=" + boundary, cut);
        assertThat(replayed.headers().firstValue("X-Vcr-Result")).hasValue("hit");
        assertThat(replayed.body()).isEqualTo(recorded.body());
    }

    @Test
    void curlUploadsOfOneFileShareARecordingWhateverBoundaryCurlPicks() throws Exception {
        Path file = work.resolve("speech.mp3");
        Files.write(file, audio());
        VcrProxyServer recorder = proxy(Mode.RECORD_MISSING, true);
        String first = curl(recorder, file);
        assumeThat(first).as("curl is on the PATH").isNotNull();
        String second = curl(recorder, file);

        assertThat(upstream.uploads()).hasSize(1);
        assertThat(second).isEqualTo(first).contains("transcript 1");
        assertThat(upstream.uploads().get(0).contentType()).startsWith("multipart/form-data; boundary=");
    }

    /** POSTs the file with {@code curl -F}, which picks a random boundary each time; null without curl. */
    private String curl(VcrProxyServer proxy, Path file) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("curl", "-s", "-S", "--noproxy", "*", "--max-time", "30",
                    "-F", "file=@" + file, "-F", "model=whisper-1", proxy.baseUrl() + PATH)
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            return null;
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }
}
