package dev.vcrproxy.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * A virtual environment under {@code target/} with the Python SDKs installed from a local wheel
 * folder (never an index: CI has none), or the reason there is none. The folder is
 * {@code VCR_INTEROP_WHEELS} when set, else {@code /opt/pypi/files}; a machine without it, without
 * {@code python3}, or without some of the wheels skips the cases that need them.
 */
final class PythonSdks {
    static final List<String> PACKAGES = List.of("httpx", "openai", "anthropic");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path python;
    private final Set<String> installed;
    private final String unavailable;

    private PythonSdks(Path python, Set<String> installed, String unavailable) {
        this.python = python;
        this.installed = installed;
        this.unavailable = unavailable;
    }

    static Path wheels() {
        String folder = System.getenv("VCR_INTEROP_WHEELS");
        return Path.of(folder == null || folder.isBlank() ? "/opt/pypi/files" : folder);
    }

    /** Creates the environment once and installs whatever of {@link #PACKAGES} is missing from it. */
    static PythonSdks prepare(Path venv) throws IOException, InterruptedException {
        Path wheels = wheels();
        if (!Files.isDirectory(wheels)) {
            return none("no wheel folder at " + wheels + " (set VCR_INTEROP_WHEELS to a folder holding the httpx, openai and anthropic wheels)");
        }
        if (!run(List.of("python3", "--version")).ok()) {
            return none("no python3 on PATH");
        }
        Path python = venv.resolve("bin").resolve("python");
        if (!Files.isExecutable(python) && !run(List.of("python3", "-m", "venv", "--without-pip", venv.toString())).ok()) {
            return none("python3 -m venv failed (on Debian: apt-get install python3-venv)");
        }
        Set<String> installed = importable(python);
        if (!installed.containsAll(PACKAGES)) {
            List<String> missing = PACKAGES.stream().filter(p -> !installed.contains(p)).toList();
            if (!install(python, wheels, missing)) {
                for (String one : missing) {
                    install(python, wheels, List.of(one)); // one wheel missing from the folder leaves the others usable
                }
            }
        }
        return new PythonSdks(python, importable(python), null);
    }

    private static PythonSdks none(String reason) {
        return new PythonSdks(null, Set.of(), reason);
    }

    /** Null when usable, else why the Python cases are skipped. */
    String unavailable() {
        return unavailable;
    }

    boolean has(String pkg) {
        return installed.contains(pkg);
    }

    /** Runs a script with the environment's interpreter and parses its JSON output. */
    JsonNode runJson(Path script, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python.toString(), script.toString()));
        command.addAll(Arrays.asList(args));
        Run run = run(command, env);
        if (!run.ok()) {
            throw new IllegalStateException("python exited " + run.exit() + ": " + String.join(" ", command) + "\n" + run.err());
        }
        return JSON.readTree(run.out());
    }

    private static boolean install(Path python, Path wheels, List<String> packages) throws IOException, InterruptedException {
        List<String> pip = new ArrayList<>(List.of("python3", "-m", "pip", "--python", python.toString()));
        if (!run(List.of("python3", "-m", "pip", "--version")).ok()) {
            // no pip beside python3: bootstrap the environment's own from the copy Python ships
            run(List.of(python.toString(), "-m", "ensurepip", "--default-pip"));
            pip = new ArrayList<>(List.of(python.toString(), "-m", "pip"));
        }
        pip.addAll(List.of("install", "--quiet", "--disable-pip-version-check", "--no-compile", "--no-index",
                "--find-links", wheels.toString()));
        pip.addAll(packages);
        return run(pip).ok();
    }

    private static Set<String> importable(Path python) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python.toString(), "-c",
                "import importlib.util, sys; print(' '.join(n for n in sys.argv[1:] if importlib.util.find_spec(n)))"));
        command.addAll(PACKAGES);
        Run run = run(command);
        return run.ok() ? new TreeSet<>(Arrays.asList(run.out().trim().split("\\s+"))) : Set.of();
    }

    /** A finished command: its exit code (-1 when it could not start or ran too long), stdout and stderr. */
    private record Run(int exit, String out, String err) {
        boolean ok() {
            return exit == 0;
        }
    }

    private static Run run(List<String> command) throws IOException, InterruptedException {
        return run(command, Map.of());
    }

    private static Run run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        Path err = Files.createTempFile("interop-python-", ".err");
        try {
            Process process;
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectError(err.toFile());
                // httpx honours the *_PROXY variables even for loopback: the stand-ins are reached directly
                builder.environment().keySet().removeIf(name -> name.toUpperCase(Locale.ROOT).endsWith("_PROXY"));
                builder.environment().putAll(env);
                process = builder.start();
            } catch (IOException e) {
                return new Run(-1, "", e.getMessage()); // no such program
            }
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return new Run(-1, out, "still running after 5 minutes: " + String.join(" ", command));
            }
            return new Run(process.exitValue(), out, Files.readString(err));
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
