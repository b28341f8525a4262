package io.github.octomvn.octopus.maven;

import io.github.octomvn.octopus.buildinfo.BuildInformationPublisher;
import io.github.octomvn.octopus.buildinfo.ProjectSource;
import io.github.octomvn.octopus.client.OctopusClient;
import io.github.octomvn.octopus.client.OctopusException;
import io.github.octomvn.octopus.client.OverwriteMode;
import io.github.octomvn.octopus.client.ServerSettings;
import io.github.octomvn.octopus.client.Setting;
import io.github.octomvn.octopus.feed.PackagePush;
import io.github.octomvn.octopus.feed.PushListener;
import io.github.octomvn.octopus.feed.PushRequest;
import io.github.octomvn.octopus.pack.PackManifest;
import io.github.octomvn.octopus.pack.PackageFiles;
import io.github.octomvn.octopus.pack.PackageSelection;
import io.github.octomvn.octopus.pack.PackagingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Pushes packages to the Octopus built-in feed: those {@code octopus:pack} wrote in this build, or by hand
 * ({@code mvn octopus:push}) those it wrote last, or the files named by {@code packages}. In a multi-module
 * build, nothing is pushed until every module that pushes has been built, and nothing if the build failed.
 *
 * <p>Bound next to {@code pack} ({@code <goal>push</goal>}), it runs in the {@code deploy} phase; by hand:
 *
 * <pre>
 * mvn package octopus:push -Doctopus.serverUrl=https://octopus.example.com
 * mvn octopus:push -Doctopus.dryRun
 * mvn octopus:push -Doctopus.packages=dist/*.zip -Doctopus.overwriteMode=IgnoreIfExists
 * </pre>
 *
 * The API key comes from the settings.xml server {@code octopus} or {@code OCTOPUS_API_KEY}, never from the pom.
 */
@Mojo(name = "push", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true, requiresProject = false)
public class PushMojo extends AbstractBuildInformationMojo {

    /**
     * Skips this goal only.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.push.skip", defaultValue = "false")
    private boolean pushSkip;

    /**
     * Package files to push instead of the ones {@code pack} wrote: paths or globs such as
     * {@code target/octopus/*.zip}, relative to the project directory (comma-separated on the command line).
     * Works without a pom.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.packages")
    private List<String> packages = new ArrayList<>();

    /**
     * What to do when the package ID and version already exist on the server: {@code FailIfExists},
     * {@code OverwriteExisting} (needs the BuiltInFeedAdminister permission) or {@code IgnoreIfExists}. Whatever
     * the mode, a package already there with the same SHA-1 counts as pushed, so re-running a build succeeds.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.overwriteMode", defaultValue = "FailIfExists")
    private String overwriteMode;

    /**
     * In a multi-module build, push every module's packages at the end, once all of them are built (and not
     * at all if one fails); false pushes each module's packages as soon as it is built.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.pushAtEnd", defaultValue = "true")
    private boolean pushAtEnd;

    /**
     * Send only what changed: when the server offers delta uploads and has an earlier version of the package, the
     * package goes as an Octodiff delta against it, and the server rebuilds the exact file (its SHA-1 is checked).
     * The full file is sent instead when there is no earlier version, when the delta would be more than 95 % of
     * the file (usual for a tar.gz of compressible files), or when anything about the delta fails. False always sends the full file.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.deltaCompression", defaultValue = "true")
    private boolean deltaCompression;

    /**
     * How many packages upload at once (1 = one after another). Progress lines name their package; each
     * package's result line, {@code push-report.json} and the summary keep the packages' order. After a failure no
     * further package starts, those under way finish, and the build fails naming the failing package.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.uploadThreads", defaultValue = "2")
    private int uploadThreads;

    @Inject
    public PushMojo(SettingsDecrypter settingsDecrypter, ProcessEnvironment environment) {
        super(settingsDecrypter, environment);
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        reportingToCi("push", this::pushOrRecord);
    }

    private void pushOrRecord() throws MojoExecutionException, MojoFailureException {
        boolean skipThis = skipped(pushSkip, "octopus.push.skip");
        List<Path> files = skipThis ? List.of() : packagesOfThisProject();
        if (files.isEmpty() && !skipThis) {
            if (byHand() && session.getProjects().size() <= 1) {
                throw new MojoFailureException("No packages to push: run mvn package (with the pack goal) first,"
                        + " or name files with -Doctopus.packages=target/octopus/*.zip.");
            }
            getLog().info("No Octopus packages in " + project.getArtifactId() + ", nothing to push from it.");
        }
        if (!files.isEmpty() && atEnd()) {
            // fail this module on bad settings, rather than the last one after the whole build
            checkSettings();
        }
        Optional<Map<MavenProject, List<Path>>> toPush =
                atEnd() ? handOver(files) : Optional.of(Map.of(project, files));
        if (toPush.isEmpty()) {
            if (!files.isEmpty()) {
                getLog().info("Packages of " + project.getArtifactId() + " are pushed once every module is built.");
            }
            return;
        }
        if (toPush.get().values().stream().allMatch(List::isEmpty)) {
            if (atEnd() && !skipThis) {
                getLog().warn("No module of this build had Octopus packages, so nothing was pushed.");
            }
            return;
        }
        if (session.getResult().hasExceptions()) {
            getLog().warn("The build has failed, so no packages are pushed.");
            return;
        }
        push(toPush.get());
    }

    /** Every check of the settings that needs no network: overwrite modes, URL, credentials, offline. */
    private void checkSettings() throws MojoFailureException {
        overwriteMode();
        checkUploadThreads();
        serverSettings("push");
        if (!buildInformationSkip) {
            buildInformationPublisher();
        }
    }

    private boolean atEnd() {
        return pushAtEnd && packages.isEmpty() && session.getProjects().size() > 1;
    }

    private Optional<Map<MavenProject, List<Path>>> handOver(List<Path> files) {
        return PushAtEnd.of(session).record(session, project, files, p -> byHand() || PushAtEnd.bindsPush(p, plugin));
    }

    /** Whether push was named on the command line ({@code mvn octopus:push}) rather than bound to a phase. */
    private boolean byHand() {
        String fullPrefix = plugin.getGroupId() + ":" + plugin.getArtifactId() + ":";
        return session.getGoals().stream()
                .anyMatch(g ->
                        g.equals(plugin.getGoalPrefix() + ":push") || g.startsWith(fullPrefix) && g.endsWith(":push"));
    }

    private List<Path> packagesOfThisProject() throws MojoFailureException {
        try {
            if (!packages.isEmpty()) {
                return PackageSelection.allDistinct(PackageFiles.resolve(basedir(), packages))
                        .toPush();
            }
            List<Path> built = BuildPackages.of(project);
            if (built.isEmpty() && byHand()) {
                // by hand, the packages the last pack wrote; never older files lying in the folder
                built = PackManifest.read(Path.of(project.getBuild().getDirectory()))
                        .orElse(List.of());
            }
            PackageSelection selection = PackageSelection.firstOfEachVersion(built);
            selection
                    .keptLocal()
                    .forEach((file, sent) -> getLog().info(file.getFileName()
                            + " is not pushed: Octopus keeps one file per package ID and version, and "
                            + sent.getFileName()
                            + " (the first format listed) goes."));
            return selection.toPush();
        } catch (PackagingException e) {
            throw ErrorTranslator.of(e);
        }
    }

    private Path basedir() {
        return project.getBasedir() != null
                ? project.getBasedir().toPath()
                : session.getRequest().getBaseDirectory() == null
                        ? Path.of("").toAbsolutePath()
                        : Path.of(session.getRequest().getBaseDirectory());
    }

    private void push(Map<MavenProject, List<Path>> filesByProject)
            throws MojoExecutionException, MojoFailureException {
        OverwriteMode mode = overwriteMode();
        checkUploadThreads();
        ServerSettings settings = serverSettings("push");
        Optional<BuildInformationPublisher> buildInformation =
                buildInformationSkip ? Optional.empty() : Optional.of(buildInformationPublisher());
        Map<ProjectSource, List<Path>> files = new LinkedHashMap<>();
        filesByProject.forEach((p, f) -> files.put(sourceOf(p), f));
        PushRequest request = new PushRequest(files, mode, space(), dryRun, reportFile())
                .withDeltaCompression(deltaCompression)
                .withUploadThreads(uploadThreads)
                .withPackManifest(manifestEntries(filesByProject.keySet()));
        try {
            // two modules packing one package ID and version: neither can be chosen on the user's behalf
            PackageSelection.allDistinct(request.files());
        } catch (PackagingException e) {
            throw ErrorTranslator.of(e);
        }
        ci.server(settings.serverUrl().toString());
        ci.pushing(request, buildInformation);
        PackagePush push = new PackagePush(request, buildInformation, new PushListener() {
            @Override
            public void info(String message) {
                getLog().info(message);
            }

            @Override
            public void warn(String message) {
                getLog().warn(message);
            }
        });
        buildInformation.ifPresent(b -> b.readAhead(files.keySet()));
        OctopusClient connected;
        try {
            connected = connect(settings);
        } catch (MojoExecutionException | MojoFailureException e) {
            push.reportUnreachable(settings.serverUrl().toString());
            throw e;
        }
        try (OctopusClient client = connected) {
            push.run(client);
            PushReportOfBuild.of(session).set(request.reportFile());
        } catch (OctopusException e) {
            throw ErrorTranslator.of(e);
        }
    }

    /** What the pack manifests of these projects recorded: the push then need not read a package for its SHA-1. */
    private static List<PackManifest.Entry> manifestEntries(Iterable<MavenProject> projects) {
        List<PackManifest.Entry> entries = new ArrayList<>();
        for (MavenProject p : projects) {
            if (p.getFile() != null) {
                entries.addAll(PackManifest.entries(Path.of(p.getBuild().getDirectory())));
            }
        }
        return entries;
    }

    private void checkUploadThreads() throws MojoFailureException {
        if (uploadThreads < 1) {
            throw new MojoFailureException("Invalid <uploadThreads> " + uploadThreads
                    + ": at least one package must upload at a time. Set <uploadThreads> or -Doctopus.uploadThreads"
                    + " to 1 (one after another) or more.");
        }
    }

    private OverwriteMode overwriteMode() throws MojoFailureException {
        try {
            return OverwriteMode.parse(overwriteMode);
        } catch (IllegalArgumentException e) {
            throw ErrorTranslator.invalid(Setting.OVERWRITE_MODE, e);
        }
    }

    private Path reportFile() {
        MavenProject top = session.getTopLevelProject() != null ? session.getTopLevelProject() : project;
        // without a pom, Maven's stand-in project has an uninterpolated build directory: use ./target
        Path target = top.getFile() != null
                ? Path.of(top.getBuild().getDirectory())
                : basedir().resolve("target");
        return target.resolve("octopus").resolve("push-report.json");
    }
}
