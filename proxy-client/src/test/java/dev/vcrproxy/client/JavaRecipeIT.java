package dev.vcrproxy.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's Java recipe as a new user follows it: a project that declares the README's
 * dependency snippet does not compile until {@code ./mvnw -B install -DskipTests} put the client in
 * the local repository, and does after. The local repository is a fresh one that shares every
 * other artifact with the build's own (so nothing is downloaded twice), and the install is the README's
 * command limited to the client and its parent pom, on a copy of them (the server's build would
 * take a minute and is not what the dependency needs).
 */
class JavaRecipeIT {
    private static final Path ROOT = Path.of(System.getProperty("vcr.project.root"));

    private Path work;

    @BeforeEach
    void makeWork() throws IOException {
        work = Files.createTempDirectory("vcr-recipe-");
    }

    @AfterEach
    void removeWork() throws IOException {
        try (Stream<Path> files = Files.walk(work)) { // links are removed, never followed
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void theReadmesDependencyResolvesAfterTheInstallItNames() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String java = readme.substring(readme.indexOf("### Java and JUnit 5"));
        assertThat(java).contains("./mvnw -B install -DskipTests");
        Matcher xml = Pattern.compile("```xml\n(<dependency>.*?</dependency>)\n```", Pattern.DOTALL).matcher(java);
        assertThat(xml.find()).as("the recipe's <dependency> block").isTrue();

        Path repo = freshRepositorySharing(Path.of(System.getProperty("vcr.maven.repo")));
        assertThat(repo.resolve("dev/vcrproxy")).as("the fresh repository lacks the client").doesNotExist();
        Path consumer = consumer(xml.group(1));

        Path copy = copyOfTheClientBuild();
        Run install = maven(copy, repo, "install", "-DskipTests", "-pl", "proxy-client", "-am");
        assertThat(install.exit).as(install.output).isZero();
        Run after = maven(consumer, repo, "test-compile");
        assertThat(after.exit).as(after.output).isZero();
        assertThat(consumer.resolve("target/test-classes/ParserTest.class")).exists();
    }

    /** A local repository of links to every artifact of {@code shared} except ours, which it lacks. */
    private Path freshRepositorySharing(Path shared) throws IOException {
        Path repo = Files.createDirectories(work.resolve("repository"));
        try (Stream<Path> top = Files.list(shared)) {
            for (Path entry : top.toList()) {
                if (!entry.getFileName().toString().equals("dev")) {
                    Files.createSymbolicLink(repo.resolve(entry.getFileName().toString()), entry);
                    continue;
                }
                Path dev = Files.createDirectories(repo.resolve("dev"));
                try (Stream<Path> owners = Files.list(entry)) {
                    for (Path owner : owners.filter(p -> !p.getFileName().toString().equals("vcrproxy")).toList()) {
                        Files.createSymbolicLink(dev.resolve(owner.getFileName().toString()), owner);
                    }
                }
            }
        }
        return repo;
    }

    private Path consumer(String dependency) throws IOException {
        Path project = Files.createDirectories(work.resolve("consumer"));
        Files.writeString(project.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>example</groupId>
                  <artifactId>recipe</artifactId>
                  <version>1</version>
                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                  <dependencies>
                    %s
                    <dependency>
                      <groupId>org.junit.jupiter</groupId>
                      <artifactId>junit-jupiter</artifactId>
                      <version>%s</version>
                      <scope>test</scope>
                    </dependency>
                  </dependencies>
                  <build>
                    <plugins>
                      <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
                      <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.14.0</version></plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(dependency, System.getProperty("vcr.junit.version")));
        Path tests = Files.createDirectories(project.resolve("src/test/java"));
        Files.writeString(tests.resolve("ParserTest.java"), """
                import dev.vcrproxy.client.VcrCassette;
                import dev.vcrproxy.client.VcrTestProxy;
                import org.junit.jupiter.api.Test;

                @VcrCassette
                class ParserTest {
                    @Test
                    void parsesAnOrder(VcrTestProxy vcr) {
                        System.out.println(vcr.uri("/generate"));
                    }
                }
                """);
        return project;
    }

    private Path copyOfTheClientBuild() throws IOException {
        Path copy = work.resolve("checkout");
        for (String file : List.of("pom.xml", "mvnw", ".mvn/wrapper/maven-wrapper.properties", "proxy-server/pom.xml", "proxy-client/pom.xml",
                "interop-tests/pom.xml")) {
            Path target = copy.resolve(file);
            Files.createDirectories(target.getParent());
            Files.copy(ROOT.resolve(file), target);
        }
        try (Stream<Path> sources = Files.walk(ROOT.resolve("proxy-client/src/main"))) {
            for (Path source : sources.filter(Files::isRegularFile).toList()) {
                Path target = copy.resolve(ROOT.relativize(source).toString());
                Files.createDirectories(target.getParent());
                Files.copy(source, target);
            }
        }
        return copy;
    }

    private record Run(int exit, String output) {
    }

    private static Run maven(Path project, Path repo, String... goals) throws Exception {
        // Not offline: a machine that has only run `verify` may still lack the install plugin, fetched
        // like any build's plugins (into the shared folders; nothing of ours comes from a remote).
        List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve("mvnw").toString(), "-B", "-q",
                "-Dmaven.repo.local=" + repo, "-f", project.resolve("pom.xml").toString()));
        command.addAll(List.of(goals));
        Path log = Files.createTempFile(project.getParent(), "mvn-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("MAVEN_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"); // short builds: start sooner
        Process process = builder.start();
        if (!process.waitFor(240, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("maven did not finish in 240 s: " + command);
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
