package io.github.octomvn.octopus.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.github.octomvn.octopus.client.Credential;
import io.github.octomvn.octopus.client.OctopusClient;
import io.github.octomvn.octopus.client.OverwriteMode;
import io.github.octomvn.octopus.client.ServerSettings;
import io.github.octomvn.octopus.client.Space;
import io.github.octomvn.octopus.feed.BuiltInFeed;
import io.github.octomvn.octopus.feed.UploadListener;
import io.github.octomvn.octopus.maven.ErrorTranslator;
import io.github.octomvn.octopus.pack.FileSet;
import io.github.octomvn.octopus.pack.OctopusVersion;
import io.github.octomvn.octopus.pack.PackManifest;
import io.github.octomvn.octopus.pack.PackRequest;
import io.github.octomvn.octopus.pack.PackageBuilder;
import io.github.octomvn.octopus.pack.PackageFiles;
import io.github.octomvn.octopus.pack.PackageFormat;
import io.github.octomvn.octopus.pack.PackageId;
import io.github.octomvn.octopus.pack.PackagingException;
import io.github.octomvn.octopus.pack.PackedPackage;
import io.github.octomvn.octopus.testserver.OctopusTestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input corpus of the core (issue 5): each input fails with one actionable line before anything is
 * written or sent. Pack cases go through {@link PackageBuilder} and the value classes, push cases through
 * {@link OctopusClient} against the test server, whose request log proves that no upload was sent. The rows
 * become the core section of docs/reliability.md; the goal-level cases are in {@code maven/MojoInputCorpusTest}.
 */
class BadInputCorpusTest {
    private static final Instant BUILD_TIME = Instant.parse("2026-11-25T09:30:15Z");

    @TempDir
    Path dir;

    /** The world of one case: a work directory, and a test server started on demand. */
    private static final class World implements AutoCloseable {
        final Path work;
        final Path content;
        final Path output;
        OctopusTestServer server;

        World(Path work) throws IOException {
            this.work = work;
            this.content = Files.createDirectories(work.resolve("content"));
            this.output = work.resolve("out");
            Files.write(content.resolve("app.jar"), "jar".getBytes(StandardCharsets.UTF_8));
        }

        PackRequest.Builder request() throws Exception {
            return PackRequest.builder(PackageId.of("MyApp"), OctopusVersion.parse("1.0.0"), output);
        }

        List<PackedPackage> pack(PackRequest.Builder request) throws Exception {
            return new PackageBuilder().pack(request.build());
        }

        OctopusTestServer server(OctopusTestServer.Builder builder) throws IOException {
            server = builder.start();
            return server;
        }

        /** Connects, resolves the space and uploads {@code file} as {@code octopus:push} would. */
        void push(OctopusTestServer.Builder builder, Optional<String> space, Path file) throws Exception {
            server(builder);
            FakeTime time = new FakeTime();
            ServerSettings settings = ServerSettings.builder(
                            server.url().toString(), Credential.apiKey(server.apiKey()))
                    .requestTimeout(Duration.ofSeconds(5))
                    .build();
            try (OctopusClient client = OctopusClient.connect(settings, time, time, message -> {})) {
                Space target = client.resolveSpace(space);
                BuiltInFeed.of(client).upload(target, file, OverwriteMode.FailIfExists, new UploadListener() {});
            }
        }

        Path file(String name, String content) throws IOException {
            Path file = work.resolve(name);
            Files.createDirectories(file.getParent());
            return Files.write(file, content.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void close() {
            if (server != null) {
                server.close();
            }
        }
    }

    @FunctionalInterface
    private interface Action {
        void run(World world) throws Exception;
    }

    /** One row: the input, the line the user sees. */
    private static final class BadInput {
        final String area;
        final String name;
        final String expected;
        final Action action;

        BadInput(String area, String name, String expected, Action action) {
            this.area = area;
            this.name = name;
            this.expected = expected;
            this.action = action;
        }
    }

    private static List<BadInput> cases() {
        List<BadInput> cases = new ArrayList<>();
        // package IDs
        cases.add(
                id(
                        "empty package ID",
                        "",
                        "Invalid Octopus package ID '': it is empty. Use e.g. 'package' (set <packageId> or -Doctopus.packageId=...)."));
        cases.add(
                id(
                        "package ID with a space",
                        "my app",
                        "Invalid Octopus package ID 'my app': the character ' ' is not allowed (only ASCII letters, digits and single '.', '-' or '_' between them). Use e.g. 'my-app' (set <packageId> or -Doctopus.packageId=...)."));
        cases.add(
                id(
                        "package ID ending in a numeric segment",
                        "product-1",
                        "Invalid Octopus package ID 'product-1': the last segment '1' is numeric, so Octopus would read the ID and version back differently. Use e.g. 'product-v1' (set <packageId> or -Doctopus.packageId=...)."));
        cases.add(
                id(
                        "package ID with a numeric segment after a dot",
                        "MyApp.2.Web",
                        "Invalid Octopus package ID 'MyApp.2.Web': the segment '2' is numeric, so Octopus would read the ID and version back differently. Use e.g. 'MyApp.v2.Web' (set <packageId> or -Doctopus.packageId=...)."));
        cases.add(
                id(
                        "package ID with an empty segment",
                        "MyApp..Web",
                        "Invalid Octopus package ID 'MyApp..Web': it has two separators in a row ('..'). Use e.g. 'MyApp.Web' (set <packageId> or -Doctopus.packageId=...)."));
        cases.add(
                id(
                        "package ID starting with a separator",
                        "-MyApp",
                        "Invalid Octopus package ID '-MyApp': it starts with '-'. Use e.g. 'MyApp' (set <packageId> or -Doctopus.packageId=...)."));
        cases.add(
                id(
                        "package ID with a path",
                        "../MyApp",
                        "Invalid Octopus package ID '../MyApp': it has two separators in a row ('..'). Use e.g. 'MyApp' (set <packageId> or -Doctopus.packageId=...)."));
        cases.add(
                id(
                        "package ID over 100 characters",
                        "A" + "b".repeat(100),
                        "Invalid Octopus package ID 'Abbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb': it is 101 characters long and the limit is 100. Use e.g. 'Abbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb' (set <packageId> or -Doctopus.packageId=...)."));
        cases.add(
                id(
                        "package ID with non-ASCII letters",
                        "Café",
                        "Invalid Octopus package ID 'Café': the character 'é' is not allowed (only ASCII letters, digits and single '.', '-' or '_' between them). Use e.g. 'Caf' (set <packageId> or -Doctopus.packageId=...)."));
        // versions
        cases.add(new BadInput(
                "version",
                "version that is not SemVer",
                "Invalid Octopus version 'latest': it must be 1 to 4 numbers separated by '.', optionally followed by -label and +metadata made of ASCII letters, digits and '-' in '.'-separated parts (e.g. 1.2.3-beta.1). Set <version> or -Doctopus.version=1.2.3.",
                w -> OctopusVersion.parse("latest")));
        cases.add(new BadInput(
                "version",
                "empty version",
                "Invalid Octopus version '': it is empty. Set <version> or -Doctopus.version=1.2.3.",
                w -> OctopusVersion.parse("")));
        cases.add(new BadInput(
                "version",
                "version with build metadata only",
                "Invalid Octopus version '1.0.0+': it must be 1 to 4 numbers separated by '.', optionally followed by -label and +metadata made of ASCII letters, digits and '-' in '.'-separated parts (e.g. 1.2.3-beta.1). Set <version> or -Doctopus.version=1.2.3.",
                w -> OctopusVersion.parse("1.0.0+")));
        cases.add(new BadInput(
                "version",
                "unmappable Maven version (unresolved property)",
                "Maven version '${revision}' cannot be mapped to an Octopus version: it must start with a number. Set <version> or -Doctopus.version=1.2.3.",
                w -> OctopusVersion.fromMaven("${revision}", BUILD_TIME)));
        cases.add(new BadInput(
                "version",
                "unmappable Maven version (no digits)",
                "Maven version 'LATEST' cannot be mapped to an Octopus version: it must start with a number. Set <version> or -Doctopus.version=1.2.3.",
                w -> OctopusVersion.fromMaven("LATEST", BUILD_TIME)));
        cases.add(new BadInput(
                "version",
                "empty Maven version",
                "Maven version ' ' cannot be mapped to an Octopus version: it must start with a number. Set <version> or -Doctopus.version=1.2.3.",
                w -> OctopusVersion.fromMaven(" ", BUILD_TIME)));
        // formats
        cases.add(format(
                "unsupported format jar",
                "jar",
                "Unknown package format 'jar': use one of zip, tar.gz (or tgz), artifact."));
        cases.add(format(
                "unsupported format 7z",
                "7z",
                "Unknown package format '7z': use one of zip, tar.gz (or tgz), artifact."));
        cases.add(
                format("empty format", " ", "Unknown package format ' ': use one of zip, tar.gz (or tgz), artifact."));
        // packing
        cases.add(pack(
                "artifact format without a main artifact",
                "The artifact format needs the project's main artifact, but MyApp has none (pom packaging, or the package phase did not run). Use the zip or tar.gz format.",
                w -> w.pack(w.request().formats(List.of(PackageFormat.ARTIFACT)))));
        cases.add(pack(
                "artifact format with a .pom artifact",
                "The artifact format needs a .jar, .war, .ear, .rar or .zip main artifact, but it is app-1.0.0.pom. Use the zip or tar.gz format.",
                w -> w.pack(w.request()
                        .formats(List.of(PackageFormat.ARTIFACT))
                        .artifact(w.file("target/app-1.0.0.pom", "<project/>")))));
        cases.add(pack(
                "main artifact missing on disk",
                "The main artifact <dir>/target/app-1.0.0.jar does not exist. Run the package phase first (e.g. mvn package octopus:pack).",
                w -> w.pack(w.request().artifact(w.work.resolve("target/app-1.0.0.jar")))));
        cases.add(pack(
                "main artifact is a directory",
                "The main artifact <dir>/target/app-1.0.0.jar is a directory, not a file. Run the package phase so that it builds the archive (e.g. mvn package octopus:pack).",
                w -> w.pack(w.request()
                        .formats(List.of(PackageFormat.ARTIFACT))
                        .artifact(Files.createDirectories(w.work.resolve("target/app-1.0.0.jar"))))));
        cases.add(pack(
                "artifact that is not a zip",
                "The main artifact <dir>/target/app-1.0.0.jar is not a valid zip archive, so Octopus could not extract it: zip END header not found.",
                w -> w.pack(w.request()
                        .formats(List.of(PackageFormat.ARTIFACT))
                        .artifact(w.file("target/app-1.0.0.jar", "not a zip")))));
        cases.add(pack(
                "file set directory missing",
                "The file set directory <dir>/missing does not exist. Create it or correct the file set's <directory>.",
                w -> w.pack(w.request().addFileSet(FileSet.of(w.work.resolve("missing"))))));
        cases.add(pack(
                "file set directory is a file",
                "The file set directory <dir>/content/app.jar is a file, not a directory. Correct the file set's <directory>.",
                w -> w.pack(w.request().addFileSet(FileSet.of(w.content.resolve("app.jar"))))));
        cases.add(pack(
                "file set that matches nothing",
                "Nothing to package for MyApp: no main artifact and no files matched in <dir>/content. Add files there or configure file sets.",
                w -> w.pack(w.request().addFileSet(FileSet.of(w.content).withIncludes(List.of("**/*.war"))))));
        cases.add(pack(
                "no artifact and no file sets",
                "Nothing to package for MyApp: no main artifact and no files matched in any file set (none configured). Add files there or configure file sets.",
                w -> w.pack(w.request())));
        cases.add(pack(
                "two files packed under one name",
                "Two files would be packed as 'app.jar': <dir>/content/app.jar and <dir>/other/app.jar. Exclude one of them or give one file set a different prefix.",
                w -> {
                    Path other = Files.createDirectories(w.work.resolve("other"));
                    Files.write(other.resolve("app.jar"), "other".getBytes(StandardCharsets.UTF_8));
                    w.pack(w.request().addFileSet(FileSet.of(w.content)).addFileSet(FileSet.of(other)));
                }));
        cases.add(pack(
                "zip format and a .zip artifact write one file",
                "The formats zip and artifact would both write MyApp.1.0.0.zip. Keep only one of them.",
                w -> w.pack(w.request()
                        .formats(List.of(PackageFormat.ZIP, PackageFormat.ARTIFACT))
                        .addFileSet(FileSet.of(w.content))
                        .artifact(w.file("target/app-1.0.0.zip", "zip")))));
        cases.add(pack(
                "symbolic link back up the tree (a link to .)",
                "The symbolic link <dir>/content/again leads back to <dir>/content, a directory that contains it, so it would be packed inside itself without end. Remove the link or exclude it from the file set.",
                w -> {
                    Files.createSymbolicLink(w.content.resolve("again"), Path.of("."));
                    // bounded: before the fix, two such links never finished
                    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                            Duration.ofSeconds(20), () -> w.pack(w.request().addFileSet(FileSet.of(w.content))));
                }));
        cases.add(pack(
                "file set prefix with ..",
                "Invalid file set prefix 'bin/../../etc': '..' would place files outside the package's extraction directory. Use e.g. 'bin/'.",
                w -> FileSet.of(w.content).withPrefix("bin/../../etc")));
        cases.add(pack(
                "absolute file set prefix",
                "Invalid file set prefix '/etc': it must be a relative path inside the package, e.g. 'bin/'.",
                w -> FileSet.of(w.content).withPrefix("/etc")));
        cases.add(pack(
                "Windows drive file set prefix",
                "Invalid file set prefix 'C:\\app': it must be a relative path inside the package, e.g. 'bin/'.",
                w -> FileSet.of(w.content).withPrefix("C:\\app")));
        cases.add(pack(
                "file mode that is not octal",
                "Invalid file mode 'rwxr-xr-x': use three octal digits with an optional leading 0, e.g. 0755 or 0644.",
                w -> FileSet.parseFileMode("rwxr-xr-x")));
        cases.add(pack(
                "file mode above 0777",
                "Invalid file mode '1777': use three octal digits with an optional leading 0, e.g. 0755 or 0644.",
                w -> FileSet.parseFileMode("1777")));
        cases.add(pack(
                "output directory is a file",
                "The output directory <dir>/out is a file, not a directory. Remove the file or choose another output directory.",
                w -> w.pack(
                        PackRequest.builder(PackageId.of("MyApp"), OctopusVersion.parse("1.0.0"), w.file("out", "x"))
                                .addFileSet(FileSet.of(w.content)))));
        // package files named for push
        cases.add(files(
                "glob that matches nothing",
                "No package file matches 'out/*.zip' (searched <dir>/out). Check -Doctopus.packages, or run mvn package first.",
                w -> PackageFiles.resolve(w.work, List.of("out/*.zip"))));
        cases.add(files(
                "directory given where a package file is expected",
                "'content' is a directory: name package files, or a glob such as content/*.zip.",
                w -> PackageFiles.resolve(w.work, List.of("content"))));
        cases.add(files(
                "package file that does not exist",
                "Package file <dir>/out/MyApp.1.0.0.zip does not exist. Check -Doctopus.packages.",
                w -> PackageFiles.resolve(w.work, List.of("out/MyApp.1.0.0.zip"))));
        cases.add(files(
                "package changed since pack (push by hand)",
                "The package <dir>/target/octopus/MyApp.1.0.0.zip has changed since the last pack wrote it (24 bytes, not 2), so it may not be this build's. Run mvn package again.",
                w -> {
                    Path zip = w.file("target/octopus/MyApp.1.0.0.zip", "PK");
                    PackManifest.write(
                            w.work.resolve("target"),
                            List.of(new PackedPackage(
                                    zip, PackageFormat.ZIP, 2, 1, "a99ed3c2cd35ebbd8c6bd2ff2bdc8ac6ad0ba2b4")));
                    w.file("target/octopus/MyApp.1.0.0.zip", "an older build's package");
                    PackManifest.read(w.work.resolve("target"));
                }));
        // push input checked before sending
        cases.add(push(
                "empty package file",
                "Cannot upload <dir>/MyApp.1.0.0.zip: the file is empty (0 bytes) and Octopus refuses empty packages; check how it was built",
                w -> w.push(OctopusTestServer.builder(), Optional.empty(), w.file("MyApp.1.0.0.zip", ""))));
        cases.add(push(
                "package file of an unsupported type",
                "Cannot upload <dir>/MyApp.1.0.0.exe: 'MyApp.1.0.0.exe' is not in a format the Octopus built-in feed accepts; supported extensions are .tar.gz, .tar.bz2, .tar.bz, .tar.Z, .tgz, .tbz2, .tbz, .zip, .jar, .war, .ear, .rar, .nupkg, .tar",
                w -> w.push(OctopusTestServer.builder(), Optional.empty(), w.file("MyApp.1.0.0.exe", "MZ"))));
        cases.add(push(
                "package file name without a version",
                "Cannot upload <dir>/MyApp.zip: 'MyApp.zip' is not named <PackageId>.<Version><extension> (e.g. MyApp.Web.1.2.3.zip) with a SemVer version of 1 to 4 numbers, so Octopus cannot tell the package ID from the version",
                w -> w.push(OctopusTestServer.builder(), Optional.empty(), w.file("MyApp.zip", "PK"))));
        cases.add(push(
                "unknown space",
                "cannot find space 'Nope' on http://127.0.0.1:PORT; the spaces this API key can see are Default (Spaces-1), Team B (Spaces-2)",
                w -> w.push(OctopusTestServer.builder(), Optional.of("Nope"), w.file("MyApp.1.0.0.zip", "PK"))));
        cases.add(push(
                "space name matching two spaces (one by name, one by slug)",
                "Space 'team-b' is ambiguous on http://127.0.0.1:PORT: it names Team B (Spaces-2) and team-b (Spaces-3); set the space by its id (Spaces-2 or Spaces-3) instead",
                w -> w.push(
                        OctopusTestServer.builder()
                                .space("Spaces-1", "Default", true)
                                .space("Spaces-2", "Team B", false)
                                .space("Spaces-3", "team-b", false),
                        Optional.of("team-b"),
                        w.file("MyApp.1.0.0.zip", "PK"))));
        // server settings given to the core
        cases.add(settings(
                "server URL without a scheme",
                "The Octopus server URL 'octopus.example.com' must start with https:// or http://, e.g. https://octopus.example.com",
                w -> ServerSettings.builder("octopus.example.com", Credential.apiKey("API-KEY"))));
        cases.add(settings(
                "malformed server URL",
                "The Octopus server URL 'https://octo pus.example.com' is not a valid URL: Illegal character in authority; expected e.g. https://octopus.example.com",
                w -> ServerSettings.builder("https://octo pus.example.com", Credential.apiKey("API-KEY"))));
        cases.add(settings(
                "server URL with a password (not echoed)",
                "The Octopus server URL must not contain a user name or password; supply an API key instead (for example through the settings.xml server entry)",
                w -> ServerSettings.builder("https://admin:s3cret@octopus.example.com", Credential.apiKey("API-KEY"))));
        cases.add(settings(
                "server URL with a query string",
                "The Octopus server URL 'https://octopus.example.com/api?apikey=API-KEY' must not have a query string; expected e.g. https://octopus.example.com",
                w -> ServerSettings.builder(
                        "https://octopus.example.com/api?apikey=API-KEY", Credential.apiKey("API-KEY"))));
        cases.add(settings(
                "negative request timeout",
                "requestTimeout must be positive, was PT-1S",
                w -> ServerSettings.builder("https://octopus.example.com", Credential.apiKey("API-KEY"))
                        .requestTimeout(Duration.ofSeconds(-1))));
        cases.add(settings(
                "unknown overwrite mode",
                "Unknown overwrite mode 'Replace'; valid values are FailIfExists, OverwriteExisting, IgnoreIfExists",
                w -> OverwriteMode.parse("Replace")));
        return cases;
    }

    private static BadInput id(String name, String id, String expected) {
        return new BadInput("package ID", name, expected, w -> PackageId.of(id));
    }

    private static BadInput format(String name, String format, String expected) {
        return new BadInput("format", name, expected, w -> PackageFormat.parse(format));
    }

    private static BadInput pack(String name, String expected, Action action) {
        return new BadInput("pack", name, expected, action);
    }

    private static BadInput files(String name, String expected, Action action) {
        return new BadInput("package files", name, expected, action);
    }

    private static BadInput push(String name, String expected, Action action) {
        return new BadInput("push", name, expected, action);
    }

    private static BadInput settings(String name, String expected, Action action) {
        return new BadInput("server settings", name, expected, action);
    }

    @TestFactory
    Stream<DynamicNode> badInputCorpus() {
        List<BadInput> cases = cases();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(40);
        List<Row> rows = Collections.synchronizedList(new ArrayList<>());
        Stream<DynamicNode> tests = cases.stream()
                .map(c -> DynamicTest.dynamicTest(c.name, () -> {
                    Path work = Files.createTempDirectory(dir, "case");
                    String message;
                    String end;
                    try (World world = new World(work)) {
                        try {
                            c.action.run(world);
                            message = null;
                        } catch (PackagingException e) {
                            // the line a user sees: the remedy worded for Maven
                            message = ErrorTranslator.message(e);
                        } catch (Exception e) {
                            message = e.getMessage();
                        }
                        if (message == null) {
                            fail("no error for " + c.name);
                        }
                        end = endState(world);
                    }
                    String line = ReliabilityDoc.normalise(message, Map.of(work.toString(), "<dir>"));
                    assertThat(line).doesNotContain("\n").doesNotContain("s3cret");
                    assertThat(line).isEqualTo(c.expected);
                    rows.add(new Row(c.area, c.name, line, end));
                }));
        DynamicTest render = DynamicTest.dynamicTest("docs/reliability.md shows these rows", () -> {
            assertThat(rows).as("every case passed").hasSize(cases.size());
            ReliabilityDoc.ofProject().check("bad-input-core", ReliabilityDoc.table(rows));
        });
        return Stream.concat(tests, Stream.of(render));
    }

    /** Nothing written to the output directory and, where a server took part, no upload sent. */
    private static String endState(World world) throws IOException {
        if (Files.isDirectory(world.output)) {
            try (Stream<Path> files = Files.list(world.output)) {
                assertThat(files.collect(Collectors.toList()))
                        .as("files left in the output directory")
                        .isEmpty();
            }
        }
        if (world.server == null) {
            return "nothing written";
        }
        assertThat(world.server.requests("POST", "packages/raw")).isEmpty();
        assertThat(world.server.packages()).isEmpty();
        return "nothing sent (no upload request)";
    }

    /** Not a failure: names past the 100 characters of a plain tar header are kept whole (PAX headers). */
    @org.junit.jupiter.api.Test
    void entryNamesOverTheTarHeaderLimitArePackedWhole() throws Exception {
        try (World world = new World(dir)) {
            String deep = "config/" + "nested-directory-name/".repeat(8) + "application-settings-file.properties";
            Path file = world.content.resolve(deep);
            Files.createDirectories(file.getParent());
            Files.write(file, "x=1".getBytes(StandardCharsets.UTF_8));
            assertThat(deep.length()).isGreaterThan(155);

            PackedPackage packed = world.pack(world.request()
                            .formats(List.of(PackageFormat.TAR_GZ))
                            .addFileSet(FileSet.of(world.content)))
                    .get(0);

            List<String> names = new ArrayList<>();
            try (TarArchiveInputStream tar =
                    new TarArchiveInputStream(new GzipCompressorInputStream(Files.newInputStream(packed.file())))) {
                for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                    names.add(e.getName());
                }
            }
            assertThat(names).contains(deep, "app.jar");
        }
    }
}
