package io.github.octomvn.octopus.maven;

import io.github.octomvn.octopus.feed.Sizes;
import io.github.octomvn.octopus.pack.OctopusVersion;
import io.github.octomvn.octopus.pack.OutputTimestamp;
import io.github.octomvn.octopus.pack.PackManifest;
import io.github.octomvn.octopus.pack.PackRequest;
import io.github.octomvn.octopus.pack.PackageBuilder;
import io.github.octomvn.octopus.pack.PackageFileName;
import io.github.octomvn.octopus.pack.PackageFormat;
import io.github.octomvn.octopus.pack.PackageId;
import io.github.octomvn.octopus.pack.PackagingException;
import io.github.octomvn.octopus.pack.PackedPackage;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProjectHelper;

/**
 * Packs the project's build output as Octopus packages named {@code <PackageId>.<Version>.<ext>}: by
 * default a zip holding the main artifact and everything under {@code src/main/octopus}.
 *
 * <p>Bound in the pom, it runs in the {@code package} phase; {@code mvn package} then writes
 * {@code target/octopus/my-app.1.0.0.zip}:
 *
 * <pre>{@code
 * <plugin>
 *   <groupId>io.github.octomvn</groupId>
 *   <artifactId>octopus-maven-plugin</artifactId>
 *   <executions>
 *     <execution>
 *       <goals><goal>pack</goal></goals>
 *     </execution>
 *   </executions>
 *   <configuration>
 *     <formats><format>zip</format><format>tar.gz</format></formats>
 *   </configuration>
 * </plugin>
 * }</pre>
 */
@Mojo(name = "pack", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class PackMojo extends AbstractOctopusMojo {

    /**
     * Skips this goal only.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.pack.skip", defaultValue = "false")
    private boolean packSkip;

    /**
     * The Octopus package ID. Segments of letters and digits joined by {@code .}, {@code -} or
     * {@code _}; no numeric segment after a dot and no numeric last segment, as Octopus would read such a
     * file name back differently.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.packageId", defaultValue = "${project.artifactId}")
    private String packageId;

    /**
     * The Octopus package version. Default: derived from the project version: valid versions stay as they
     * are, {@code .RELEASE}/{@code .Final}/{@code .GA} are dropped, other qualifiers become a pre-release
     * label, and {@code -SNAPSHOT} becomes a pre-release unique to this build, such as
     * {@code 1.0.0-SNAPSHOT.20261125T093015} (the build's start time, UTC).
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.version")
    private String version;

    /**
     * The package formats to write: {@code zip}, {@code tar.gz}, and {@code artifact} (the project's jar,
     * war or ear itself, under the Octopus name). Several at once are allowed, comma-separated on the command
     * line.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.formats", defaultValue = "zip")
    private List<String> formats;

    /**
     * Where the packages are written.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.outputDirectory", defaultValue = "${project.build.directory}/octopus")
    private File outputDirectory;

    /**
     * Whether the project's main artifact (jar, war, ear) goes into the zip and tar.gz packages. When true, the goal
     * fails if the artifact has not been built (run it within {@code mvn package}, not by itself).
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.includeArtifact", defaultValue = "true")
    private boolean includeArtifact;

    /**
     * Deployment scripts and configuration put at the package root, where Octopus looks for
     * {@code deploy.sh}, {@code PreDeploy.ps1} and the like. Skipped when the directory does not exist.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.scriptsDirectory", defaultValue = "${project.basedir}/src/main/octopus")
    private File scriptsDirectory;

    /**
     * More files to package, in the style of maven-assembly-plugin: each {@code <fileSet>} has a
     * {@code <directory>}, {@code <includes>}, {@code <excludes>}, an {@code <outputDirectory>} inside the
     * package and an optional octal {@code <fileMode>}.
     *
     * @since 0.1.0
     */
    @Parameter
    private List<PackFileSet> fileSets = new ArrayList<>();

    /**
     * Attaches the packages to the project with classifier {@code octopus}, so that {@code mvn install} and
     * {@code mvn deploy} also put them in Maven repositories.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.attach", defaultValue = "false")
    private boolean attach;

    /**
     * Timestamp for reproducible packages (entry times, order and modes fixed); the standard Maven property.
     *
     * @since 0.1.0
     */
    @Parameter(defaultValue = "${project.build.outputTimestamp}")
    private String outputTimestamp;

    private final MavenProjectHelper projectHelper;

    @Inject
    public PackMojo(MavenProjectHelper projectHelper) {
        this.projectHelper = projectHelper;
    }

    @Override
    public void execute() throws MojoFailureException {
        if (skipped(packSkip, "octopus.pack.skip")) {
            return;
        }
        Path buildDirectory = Path.of(project.getBuild().getDirectory());
        try {
            // first: from here until every package is written, a push by hand finds none, not the last build's
            PackManifest.invalidate(buildDirectory);
            PackRequest request = request();
            if (request == null) {
                return;
            }
            List<PackedPackage> packed = new PackageBuilder(getLog()::warn).pack(request);
            for (PackedPackage p : packed) {
                getLog().info(String.format(
                        "Packed %s (%s, %d entries, sha1 %s)",
                        p.fileName(), Sizes.human(p.sizeBytes()), p.entryCount(), p.sha1()));
                if (attach && p.format() != PackageFormat.ARTIFACT) {
                    projectHelper.attachArtifact(
                            project, p.format().id(), "octopus", p.file().toFile());
                }
            }
            PackManifest.write(buildDirectory, packed);
            BuildPackages.record(project, packed);
        } catch (PackagingException e) {
            throw ErrorTranslator.of(e);
        }
    }

    private PackRequest request() throws PackagingException, MojoFailureException {
        // Before any validation: a parent POM that writes no package must not fail on its ID or version.
        if ("pom".equals(project.getPackaging()) && fileSets.isEmpty() && !scriptsDirectory.isDirectory()) {
            getLog().info("Skipping: a pom project with no src/main/octopus and no <fileSets> has nothing to pack.");
            return null;
        }
        PackageId id = PackageId.of(packageId);
        OctopusVersion octopusVersion = version == null || version.isBlank()
                ? OctopusVersion.fromMaven(project.getVersion(), buildStartTime())
                : OctopusVersion.parse(version.trim());

        List<PackageFormat> packageFormats = new ArrayList<>();
        for (String format : formats) {
            for (String f : format.split(",")) {
                if (!f.isBlank()) {
                    packageFormats.add(PackageFormat.parse(f.trim()));
                }
            }
        }

        Optional<Path> artifact = mainArtifact(packageFormats);
        List<io.github.octomvn.octopus.pack.FileSet> sets = new ArrayList<>();
        sets.add(io.github.octomvn.octopus.pack.FileSet.of(scriptsDirectory.toPath())
                .withOptional(true));
        for (PackFileSet fs : fileSets) {
            sets.add(fs.toCore(project.getBasedir().toPath()));
        }

        for (PackageFormat format : packageFormats) {
            PackageFileName.checkRoundTrip(id, octopusVersion, extension(format, artifact));
        }
        PackRequest.Builder request = PackRequest.builder(id, octopusVersion, outputDirectory.toPath())
                .formats(packageFormats)
                .fileSets(sets)
                .artifactInArchives(includeArtifact);
        artifact.ifPresent(request::artifact);
        OutputTimestamp.parseOutputTimestamp(outputTimestamp).ifPresent(request::reproducibleTimestamp);
        return request.build();
    }

    private static String extension(PackageFormat format, Optional<Path> artifact) {
        if (format != PackageFormat.ARTIFACT) {
            return format.extension().orElseThrow();
        }
        String name = artifact.map(a -> a.getFileName().toString()).orElse(".jar");
        return name.substring(Math.max(0, name.lastIndexOf('.')));
    }

    /**
     * The built main artifact. A jar, war or ear project whose artifact is not built yet ({@code mvn octopus:pack}
     * alone) fails: packing only the scripts would give a package that deploys nothing, which a push then uploads.
     */
    private Optional<Path> mainArtifact(List<PackageFormat> packageFormats) throws MojoFailureException {
        File file = project.getArtifact() == null ? null : project.getArtifact().getFile();
        if (file != null && file.isFile()) {
            return Optional.of(file.toPath());
        }
        boolean artifactFormat = packageFormats.contains(PackageFormat.ARTIFACT);
        if (!"pom".equals(project.getPackaging()) && (includeArtifact || artifactFormat)) {
            throw new MojoFailureException("octopus:pack found no main artifact for " + project.getPackaging()
                    + " project " + project.getArtifactId() + ": run mvn package"
                    + (artifactFormat
                            ? " (the artifact format is a copy of it)."
                            : " (or set -Doctopus.includeArtifact=false to pack without it)."));
        }
        return Optional.empty();
    }
}
