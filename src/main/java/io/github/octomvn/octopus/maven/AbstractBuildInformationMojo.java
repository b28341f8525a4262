package io.github.octomvn.octopus.maven;

import io.github.octomvn.octopus.buildinfo.Overrides;
import io.github.octomvn.octopus.client.OverwriteMode;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Parameters of the goals that send build information: {@code octopus:build-information}, and {@code octopus:push},
 * which sends it before the packages. Every field is found out from the CI server and git unless set here.
 */
abstract class AbstractBuildInformationMojo extends AbstractServerMojo {

    /** Sends no build information (octopus:build-information does nothing, octopus:push only pushes packages). */
    @Parameter(property = "octopus.buildInformation.skip", defaultValue = "false")
    protected boolean buildInformationSkip;

    /**
     * What to do when Octopus already has build information for the package ID and version: {@code FailIfExists},
     * {@code OverwriteExisting} or {@code IgnoreIfExists}. Whatever the mode, a record for the same commit counts as
     * sent, so re-running a build succeeds.
     */
    @Parameter(property = "octopus.buildInformation.overwriteMode", defaultValue = "FailIfExists")
    protected String buildInformationOverwriteMode;

    /** The most commits listed per package (the newest ones). */
    @Parameter(property = "octopus.buildInformation.maxCommits", defaultValue = "100")
    protected int maxCommits;

    /** The build environment shown in Octopus, e.g. {@code Jenkins}; default: the CI server found, else Maven. */
    @Parameter(property = "octopus.buildInformation.buildEnvironment")
    protected String buildEnvironment;

    /** The build number; default: the CI server's. */
    @Parameter(property = "octopus.buildInformation.buildNumber")
    protected String buildNumber;

    /** The link back to the build; default: the CI server's build page. */
    @Parameter(property = "octopus.buildInformation.buildUrl")
    protected String buildUrl;

    /** The branch; default: the CI server's branch variable, else git's current branch. */
    @Parameter(property = "octopus.buildInformation.branch")
    protected String branch;

    /** The version control system; default: {@code Git} when there is a git repository. */
    @Parameter(property = "octopus.buildInformation.vcsType")
    protected String vcsType;

    /** The repository's web address; default: the CI's, else git's origin remote, else the pom's scm url. */
    @Parameter(property = "octopus.buildInformation.vcsRoot")
    protected String vcsRoot;

    /** The commit built; default: the CI's commit variable, else git's HEAD. */
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
            throw new MojoFailureException(
                    e.getMessage()
                            + ": fix <buildInformationOverwriteMode> or -Doctopus.buildInformation.overwriteMode.",
                    e);
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
        return new BuildInformationPublisher(
                session, environment.variables(), overrides, mode, maxCommits, dryRun, getLog());
    }

    /** Overrides take a blank value as "not set", as an empty Maven property gives. */
    private static String orNone(String value) {
        return value == null ? "" : value;
    }
}
