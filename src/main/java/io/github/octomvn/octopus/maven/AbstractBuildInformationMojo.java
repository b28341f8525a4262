package io.github.octomvn.octopus.maven;

import io.github.octomvn.octopus.buildinfo.BuildInformationPublisher;
import io.github.octomvn.octopus.buildinfo.BuildInformationSettings;
import io.github.octomvn.octopus.buildinfo.GitHistory;
import io.github.octomvn.octopus.buildinfo.Overrides;
import io.github.octomvn.octopus.buildinfo.ProjectSource;
import io.github.octomvn.octopus.client.OverwriteMode;
import io.github.octomvn.octopus.client.Setting;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.maven.model.Scm;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Parameters of the goals that send build information: {@code octopus:build-information}, and {@code octopus:push},
 * which sends it before the packages. Every field is found out from the CI server and git unless set here.
 */
abstract class AbstractBuildInformationMojo extends AbstractServerMojo {
    private static final String SENT_KEY = AbstractBuildInformationMojo.class.getName() + ".sent";

    /**
     * Sends no build information (octopus:build-information does nothing, octopus:push only pushes packages).
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.buildInformation.skip", defaultValue = "false")
    protected boolean buildInformationSkip;

    /**
     * What to do when Octopus already has build information for the package ID and version: {@code FailIfExists},
     * {@code OverwriteExisting} or {@code IgnoreIfExists}. Whatever the mode, a record for the same commit counts as
     * sent, so re-running a build succeeds.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.buildInformation.overwriteMode", defaultValue = "FailIfExists")
    protected String buildInformationOverwriteMode;

    /**
     * The most commits listed per package (the newest ones).
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.buildInformation.maxCommits", defaultValue = "100")
    protected int maxCommits;

    /**
     * The build environment shown in Octopus, e.g. {@code Jenkins}; default: the CI server found, else Maven.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.buildInformation.buildEnvironment")
    protected String buildEnvironment;

    /**
     * The build number; default: the CI server's.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.buildInformation.buildNumber")
    protected String buildNumber;

    /**
     * The link back to the build; default: the CI server's build page.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.buildInformation.buildUrl")
    protected String buildUrl;

    /**
     * The branch; default: the CI server's branch variable, else git's current branch.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.buildInformation.branch")
    protected String branch;

    /**
     * The version control system; default: {@code Git} when there is a git repository.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.buildInformation.vcsType")
    protected String vcsType;

    /**
     * The repository's web address; default: the CI's, else git's origin remote, else the pom's scm url.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.buildInformation.vcsRoot")
    protected String vcsRoot;

    /**
     * The commit built; default: the CI's commit variable, else git's HEAD.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.buildInformation.vcsCommitNumber")
    protected String vcsCommitNumber;

    protected AbstractBuildInformationMojo(SettingsDecrypter settingsDecrypter, ProcessEnvironment environment) {
        super(settingsDecrypter, environment);
    }

    /** The publisher for this build's settings; fails on bad input before anything is sent. */
    protected BuildInformationPublisher buildInformationPublisher() throws MojoFailureException {
        OverwriteMode mode;
        try {
            mode = OverwriteMode.parse(buildInformationOverwriteMode);
        } catch (IllegalArgumentException e) {
            throw ErrorTranslator.invalid(Setting.BUILD_INFORMATION_OVERWRITE_MODE, e);
        }
        if (maxCommits < 1) {
            throw new MojoFailureException("Invalid <maxCommits> " + maxCommits
                    + ": give 1 or more (-Doctopus.buildInformation.maxCommits=100).");
        }
        Overrides overrides = Overrides.builder()
                .buildEnvironment(orNone(buildEnvironment))
                .buildNumber(orNone(buildNumber))
                .buildUrl(orNone(buildUrl))
                .branch(orNone(branch))
                .vcsType(orNone(vcsType))
                .vcsRoot(orNone(vcsRoot))
                .vcsCommitNumber(orNone(vcsCommitNumber))
                .build();
        BuildInformationSettings settings =
                new BuildInformationSettings(environment.variables(), overrides, mode, maxCommits, dryRun);
        return new BuildInformationPublisher(
                settings,
                sentThisBuild(),
                BuildScoped.get(session, GitHistory.class.getName(), GitHistory.class, GitHistory::new),
                getLog()::info,
                getLog()::warn);
    }

    /** The records sent in this build, so that build-information and push never send one twice. */
    @SuppressWarnings("unchecked")
    private Set<String> sentThisBuild() {
        return BuildScoped.get(session, SENT_KEY, Set.class, () -> Collections.synchronizedSet(new HashSet<String>()));
    }

    /** Where {@code project}'s build information comes from and its build-information.json goes. */
    protected static ProjectSource sourceOf(MavenProject project) {
        Path directory = project.getBasedir() != null
                ? project.getBasedir().toPath()
                : Path.of("").toAbsolutePath();
        Path output = project.getFile() != null
                ? Path.of(project.getBuild().getDirectory())
                : Path.of("").toAbsolutePath().resolve("target");
        return new ProjectSource(
                directory, Optional.ofNullable(project.getScm()).map(Scm::getUrl), output);
    }

    /** Overrides take a blank value as "not set", as an empty Maven property gives. */
    private static String orNone(String value) {
        return value == null ? "" : value;
    }
}
