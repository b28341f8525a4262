package io.github.octomvn.octopus.ci;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What one goal execution did, for the CI's job page and the next steps of the pipeline: the packages it pushed, the
 * build information it published, the release and its deployments, and the failure that ended it.
 */
public final class JobResults {

    /** The values a pipeline's next steps can read, under the names each CI spells them. */
    public enum Output {
        /** The IDs of the packages on the server after the push, comma-separated, in push order. */
        PACKAGE_IDS("package-ids"),
        /** Their versions, in the same order. */
        PACKAGE_VERSIONS("package-versions"),
        /** The version of the first package (in a reactor build, usually every package's). */
        VERSION("version"),
        /** The release created, found or deployed. */
        RELEASE_VERSION("release-version"),
        /** {@code Success} when every deployment succeeded, else the state of the first that did not. */
        DEPLOYMENT_STATE("deployment-state");

        private final String gitHubName;

        Output(String gitHubName) {
            this.gitHubName = gitHubName;
        }

        /** The step output's name on GitHub Actions: {@code package-ids}. */
        public String gitHubName() {
            return gitHubName;
        }

        /** The variable's name elsewhere: {@code OCTOPUS_PACKAGE_IDS}. */
        public String variableName() {
            return "OCTOPUS_" + name();
        }
    }

    private final String goal;
    private final String server;
    private final boolean dryRun;
    private final List<PackageResult> packages;
    private final List<PublishedBuildInformation> buildInformation;
    private final ReleaseResult release;
    private final List<DeploymentResult> deployments;
    private final String failure;

    private JobResults(Builder b) {
        this.goal = b.goal;
        this.server = b.server;
        this.dryRun = b.dryRun;
        this.packages = List.copyOf(b.packages);
        this.buildInformation = List.copyOf(b.buildInformation);
        this.release = b.release;
        this.deployments = List.copyOf(b.deployments);
        this.failure = b.failure;
    }

    /** Results of the goal named {@code goal}, e.g. {@code push}. */
    public static Builder of(String goal) {
        return new Builder(goal);
    }

    public String goal() {
        return goal;
    }

    /** The Octopus server the goal talked to. */
    public Optional<String> server() {
        return Optional.ofNullable(server);
    }

    /** True for a dry run: nothing was sent, and no outputs are set. */
    public boolean dryRun() {
        return dryRun;
    }

    public List<PackageResult> packages() {
        return packages;
    }

    public List<PublishedBuildInformation> buildInformation() {
        return buildInformation;
    }

    public Optional<ReleaseResult> release() {
        return Optional.ofNullable(release);
    }

    public List<DeploymentResult> deployments() {
        return deployments;
    }

    /** The one-line error the build printed (the same words), when the goal failed. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** True when the goal did nothing worth showing: no result and no failure. */
    public boolean isEmpty() {
        return packages.isEmpty()
                && buildInformation.isEmpty()
                && release == null
                && deployments.isEmpty()
                && failure == null;
    }

    /** The outputs these results set, in {@link Output} order; none for a dry run. */
    public Map<Output, String> outputs() {
        Map<Output, String> outputs = new LinkedHashMap<>();
        if (dryRun) {
            return outputs;
        }
        List<PackageResult> onServer =
                packages.stream().filter(p -> p.outcome().onServer()).collect(Collectors.toList());
        if (!onServer.isEmpty()) {
            outputs.put(
                    Output.PACKAGE_IDS,
                    onServer.stream().map(PackageResult::packageId).collect(Collectors.joining(",")));
            outputs.put(
                    Output.PACKAGE_VERSIONS,
                    onServer.stream().map(PackageResult::version).collect(Collectors.joining(",")));
            outputs.put(Output.VERSION, onServer.get(0).version());
        }
        if (release != null) {
            outputs.put(Output.RELEASE_VERSION, release.version());
        }
        if (!deployments.isEmpty()) {
            outputs.put(
                    Output.DEPLOYMENT_STATE,
                    deployments.stream()
                            .filter(d -> !d.succeeded())
                            .findFirst()
                            .map(DeploymentResult::state)
                            .orElse("Success"));
        }
        return outputs;
    }

    @Override
    public String toString() {
        return "JobResults[" + goal + ", packages=" + packages + ", buildInformation=" + buildInformation
                + ", release=" + release + ", deployments=" + deployments + (failure == null ? "" : ", failed")
                + "]";
    }

    /** Collects a goal's results as it goes; not thread-safe (one goal execution fills one). */
    public static final class Builder {
        private final String goal;
        private String server;
        private boolean dryRun;
        private final List<PackageResult> packages = new ArrayList<>();
        private final List<PublishedBuildInformation> buildInformation = new ArrayList<>();
        private ReleaseResult release;
        private final List<DeploymentResult> deployments = new ArrayList<>();
        private String failure;

        private Builder(String goal) {
            this.goal = Objects.requireNonNull(goal, "goal");
        }

        public Builder server(String serverUrl) {
            this.server = serverUrl;
            return this;
        }

        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        public Builder packages(List<PackageResult> results) {
            packages.addAll(results);
            return this;
        }

        public Builder buildInformation(List<PublishedBuildInformation> results) {
            buildInformation.addAll(results);
            return this;
        }

        public Builder release(ReleaseResult result) {
            this.release = result;
            return this;
        }

        public Builder deployments(List<DeploymentResult> results) {
            deployments.addAll(results);
            return this;
        }

        /** The goal failed with this message (the same one the build prints). */
        public Builder failure(String message) {
            this.failure = message == null || message.isBlank() ? "failed" : message;
            return this;
        }

        public JobResults build() {
            return new JobResults(this);
        }
    }
}
