package io.github.octomvn.octopus.maven;

import io.github.octomvn.octopus.client.OctopusException;
import io.github.octomvn.octopus.pack.PackageFileName;
import io.github.octomvn.octopus.pack.PackageSelection;
import io.github.octomvn.octopus.release.ReleaseCreator;
import io.github.octomvn.octopus.release.ReleaseNotes;
import io.github.octomvn.octopus.release.ReleaseOutcome;
import io.github.octomvn.octopus.release.ReleasePackage;
import io.github.octomvn.octopus.release.ReleaseReport;
import io.github.octomvn.octopus.release.ReleaseRequest;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Creates an Octopus release from the packages every module of this build pushed, once, after the last module's
 * push (and not at all if a module failed). Re-running the same build finds the identical release and succeeds.
 * Needs Octopus 2022.3.5512 or newer.
 *
 * <p>Bound after {@code push} in the same execution, with the project as a property, so that {@code mvn deploy}
 * packs, pushes and releases:
 *
 * <pre>{@code
 * <properties>
 *   <octopus.project>Billing</octopus.project>
 * </properties>
 * ...
 * <execution>
 *   <goals>
 *     <goal>pack</goal>
 *     <goal>push</goal>
 *     <goal>create-release</goal>
 *   </goals>
 * </execution>
 * }</pre>
 *
 * By hand, from package versions already in the feed:
 * {@code mvn octopus:create-release -Doctopus.project=Billing -Doctopus.releaseVersion=1.4.0
 * -Doctopus.packageVersion=1.4.0}.
 */
@Mojo(name = "create-release", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true, requiresProject = false)
public class CreateReleaseMojo extends AbstractReleaseMojo {

    /**
     * Skips this goal only.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.createRelease.skip", defaultValue = "false")
    private boolean createReleaseSkip;

    /**
     * The channel, by name; default the project's default channel.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.channel")
    private String channel;

    /**
     * The version for the steps whose packages this build did not push.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.packageVersion")
    private String packageVersion;

    /**
     * More package versions, as {@code PackageId:Version}, {@code StepName:Version} or
     * {@code StepName:PackageReferenceName:Version} (comma-separated on the command line); they win over the
     * packages of this build.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.releasePackages")
    private List<String> releasePackages = new ArrayList<>();

    /**
     * The release notes.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.releaseNotes")
    private String releaseNotes;

    /**
     * A file holding the release notes (UTF-8), when {@code releaseNotes} is not set. Without either, the notes list
     * the commits of the build information of the packages (one line each, newest first, at most 50).
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.releaseNotesFile")
    private File releaseNotesFile;

    /**
     * For a version-controlled project: the branch or tag whose deployment process the release takes; default this
     * build's branch (the CI's, else git's).
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.gitRef")
    private String gitRef;

    /**
     * For a version-controlled project: the commit whose deployment process the release takes; default this build's
     * commit when gitRef is not set.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.gitCommit")
    private String gitCommit;

    /**
     * Keep an existing release of this version even when its package versions differ (an identical one always
     * counts as created).
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.ignoreIfAlreadyExists", defaultValue = "false")
    private boolean ignoreIfAlreadyExists;

    /**
     * Create the release even when its package versions break the channel's version rules.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.ignoreChannelRules", defaultValue = "false")
    private boolean ignoreChannelRules;

    /**
     * Custom field values of the release, name to value (pom only).
     *
     * @since 0.1.0
     */
    @Parameter
    private Map<String, String> customFields = new LinkedHashMap<>();

    @Inject
    public CreateReleaseMojo(SettingsDecrypter settingsDecrypter, ProcessEnvironment environment) {
        super(settingsDecrypter, environment);
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        reportingToCi("create-release", this::createRelease);
    }

    private void createRelease() throws MojoExecutionException, MojoFailureException {
        if (skipped(createReleaseSkip, "octopus.createRelease.skip")) {
            return;
        }
        if (!OnceAtEnd.isTheOne(session, project, plugin, "create-release")) {
            getLog().info("The Octopus release is created once every module is built.");
            return;
        }
        if (session.getResult().hasExceptions()) {
            getLog().warn("The build has failed, so no Octopus release is created.");
            return;
        }
        Map<String, String> built = builtPackages();
        String notes = notes();
        ReleaseRequest request = request(built, notes); // bad input fails here, before anything is sent
        try (Connected connected = connectToSpace("create-release")) {
            if (notes == null) {
                Optional<String> generated =
                        ReleaseNotes.fromBuildInformation(connected.api, built, ReleaseNotes.DEFAULT_MAX_LINES);
                if (generated.isPresent()) {
                    request = request(built, generated.get());
                }
            }
            if (dryRun) {
                getLog().info("Dry run: would send " + new ReleaseCreator(connected.api).plan(request));
                request.releaseVersion().ifPresent(ReleaseOfBuild.of(session)::dryRun);
                return;
            }
            ReleaseOutcome outcome = new ReleaseCreator(connected.api).create(request);
            getLog().info(outcome.summary());
            ReleaseOfBuild.of(session).set(outcome);
            ci.server(connected.client.serverUrl());
            ci.release(outcome);
            ReleaseReport.write(
                    reportFile(),
                    connected.client.serverUrl(),
                    connected.api.space().id(),
                    Optional.of(outcome),
                    List.of(),
                    List.of());
            linkFromPushReport();
        } catch (OctopusException e) {
            if (e.kind() == OctopusException.Kind.CONFLICT) {
                throw new MojoFailureException(
                        ErrorTranslator.message(e) + " (<ignoreIfAlreadyExists>true</ignoreIfAlreadyExists> or"
                                + " -Doctopus.ignoreIfAlreadyExists=true)",
                        e);
            }
            throw ErrorTranslator.of(e);
        } catch (IOException e) {
            throw new MojoExecutionException("Could not write " + reportFile() + ": " + e.getMessage(), e);
        }
    }

    private ReleaseRequest request(Map<String, String> built, String notes) throws MojoFailureException {
        BuildGit buildGit = BuildGit.of(
                environment,
                session.getTopLevelProject() != null
                                && session.getTopLevelProject().getBasedir() != null
                        ? session.getTopLevelProject().getBasedir().toPath()
                        : Path.of(""));
        ReleaseRequest.Builder request = ReleaseRequest.builder(octopusProject())
                .channel(channel)
                .packageVersion(packageVersion)
                .gitRef(gitRef)
                .gitCommit(gitCommit)
                .ignoreIfAlreadyExists(ignoreIfAlreadyExists)
                .ignoreChannelRules(ignoreChannelRules)
                .releaseNotes(notes)
                .build(buildGit.branch, buildGit.commit);
        customFields.forEach(request::customField);
        built.forEach((id, version) -> request.addPackage(ReleasePackage.of(id, version)));
        try {
            for (String entry : releasePackages) {
                request.addPackage(ReleasePackage.parse(entry));
            }
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage() + " (fix <releasePackages> or -Doctopus.releasePackages)");
        }
        TreeSet<String> versions = new TreeSet<>(built.values());
        if (releaseVersion != null && !releaseVersion.isBlank()) {
            request.releaseVersion(releaseVersion);
        } else if (versions.size() == 1) {
            request.releaseVersion(versions.first());
        } else if (versions.size() > 1) {
            throw new MojoFailureException("The packages of this build have different versions (" + built
                    + "), so the release version is not clear: set <releaseVersion> or -Doctopus.releaseVersion=...");
        }
        return request.build();
    }

    /** Package ID to version of every package this build's modules packed (the file each push sends). */
    private Map<String, String> builtPackages() {
        List<Path> files = new ArrayList<>();
        for (MavenProject p : session.getProjects()) {
            files.addAll(BuildPackages.of(p));
        }
        Map<String, String> packages = new LinkedHashMap<>();
        for (Path file : PackageSelection.firstOfEachVersion(files).toPush()) {
            PackageFileName.parse(file.getFileName().toString())
                    .ifPresent(name -> packages.put(name.packageId(), name.version()));
        }
        return packages;
    }

    private String notes() throws MojoFailureException {
        if (releaseNotes != null && !releaseNotes.isBlank()) {
            return releaseNotes;
        }
        if (releaseNotesFile == null) {
            return null;
        }
        try {
            return Files.readString(releaseNotesFile.toPath(), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new MojoFailureException("The release notes file " + releaseNotesFile
                    + " does not exist: fix <releaseNotesFile> or -Doctopus.releaseNotesFile.");
        } catch (IOException e) {
            throw new MojoFailureException("Cannot read the release notes file " + releaseNotesFile
                    + " (fix <releaseNotesFile> or -Doctopus.releaseNotesFile): " + e.getMessage());
        }
    }
}
