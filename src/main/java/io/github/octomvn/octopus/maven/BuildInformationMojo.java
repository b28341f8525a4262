package io.github.octomvn.octopus.maven;

import io.github.octomvn.octopus.buildinfo.BuildInformationPublisher;
import io.github.octomvn.octopus.client.OctopusClient;
import io.github.octomvn.octopus.client.OctopusException;
import io.github.octomvn.octopus.client.ServerSettings;
import io.github.octomvn.octopus.client.Space;
import io.github.octomvn.octopus.pack.OctopusVersion;
import io.github.octomvn.octopus.pack.PackageFileName;
import io.github.octomvn.octopus.pack.PackageId;
import io.github.octomvn.octopus.pack.PackagingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Sends build information (branch, commits since the previous version Octopus knows, the CI build's number and link)
 * for this project's packages: those {@code octopus:pack} wrote in this build, else the package named by
 * {@code packageId} and {@code version}, e.g. when the packages live in another feed. {@code octopus:push} does
 * the same before its uploads, so this goal is only needed on its own.
 *
 * <pre>
 * mvn octopus:build-information -Doctopus.version=1.4.0 -Doctopus.serverUrl=https://octopus.example.com
 * </pre>
 */
@Mojo(name = "build-information", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class BuildInformationMojo extends AbstractBuildInformationMojo {

    /**
     * The package ID, when {@code pack} made no package in this build.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.packageId", defaultValue = "${project.artifactId}")
    private String packageId;

    /**
     * The package version, when {@code pack} made no package in this build; default: derived as pack does.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.version")
    private String version;

    @Inject
    public BuildInformationMojo(SettingsDecrypter settingsDecrypter, ProcessEnvironment environment) {
        super(settingsDecrypter, environment);
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        reportingToCi("build-information", this::publish);
    }

    private void publish() throws MojoExecutionException, MojoFailureException {
        if (skipped(buildInformationSkip, "octopus.buildInformation.skip")) {
            return;
        }
        List<PackageFileName> packages = packages();
        if (packages.isEmpty()) {
            getLog().info("Skipping: a pom project without Octopus packages has no build information to send.");
            return;
        }
        ServerSettings settings = serverSettings("build-information");
        BuildInformationPublisher publisher = buildInformationPublisher();
        ci.server(settings.serverUrl().toString());
        ci.publishing(publisher);
        publisher.readAhead(List.of(sourceOf(project)));
        try (OctopusClient client = connect(settings)) {
            Space target = client.resolveSpace(space());
            publisher.publish(client, target, sourceOf(project), packages);
        } catch (OctopusException e) {
            throw ErrorTranslator.of(e);
        }
    }

    private List<PackageFileName> packages() throws MojoFailureException {
        List<PackageFileName> names = new ArrayList<>();
        for (Path file : BuildPackages.of(project)) {
            PackageFileName.parse(file.getFileName().toString()).ifPresent(names::add);
        }
        if (!names.isEmpty() || "pom".equals(project.getPackaging()) && version == null) {
            return names;
        }
        try {
            PackageId id = PackageId.of(packageId);
            OctopusVersion octopusVersion = version == null || version.isBlank()
                    ? OctopusVersion.fromMaven(project.getVersion(), buildStartTime())
                    : OctopusVersion.parse(version.trim());
            String fileName = PackageFileName.of(id, octopusVersion, ".zip");
            return List.of(PackageFileName.parse(fileName).orElseThrow());
        } catch (PackagingException e) {
            throw ErrorTranslator.of(e);
        }
    }
}
