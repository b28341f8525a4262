package io.github.octomvn.octopus.release;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which release to deploy where: the project and release version, the environments (one for a tenanted
 * deployment), the tenants or tenant tags, prompted variable values and the deployment options of the executions
 * API. Immutable; build it with {@link #builder(String, String)}. Variable values are secrets as far as this class
 * is concerned: {@link #toString()} names the variables only.
 */
public final class DeploymentRequest {

    private final String project;
    private final String releaseVersion;
    private final List<String> environments;
    private final List<String> tenants;
    private final List<String> tenantTags;
    private final Map<String, String> variables;
    private final List<String> skipSteps;
    private final List<String> specificMachines;
    private final List<String> excludedMachines;
    private final Boolean guidedFailure;
    private final boolean forcePackageDownload;
    private final boolean updateVariableSnapshot;
    private final OffsetDateTime deployAt;
    private final OffsetDateTime noDeployAfter;

    private DeploymentRequest(Builder b) {
        this.project = b.project;
        this.releaseVersion = b.releaseVersion;
        this.environments = copy(b.environments);
        this.tenants = copy(b.tenants);
        this.tenantTags = copy(b.tenantTags);
        this.variables = Collections.unmodifiableMap(new LinkedHashMap<>(b.variables));
        this.skipSteps = copy(b.skipSteps);
        this.specificMachines = copy(b.specificMachines);
        this.excludedMachines = copy(b.excludedMachines);
        this.guidedFailure = b.guidedFailure;
        this.forcePackageDownload = b.forcePackageDownload;
        this.updateVariableSnapshot = b.updateVariableSnapshot;
        this.deployAt = b.deployAt;
        this.noDeployAfter = b.noDeployAfter;
    }

    /** Deploys release {@code releaseVersion} of {@code project} (name, slug or {@code Projects-N}). */
    public static Builder builder(String project, String releaseVersion) {
        return new Builder(project, releaseVersion);
    }

    public String project() {
        return project;
    }

    public String releaseVersion() {
        return releaseVersion;
    }

    public List<String> environments() {
        return environments;
    }

    public List<String> tenants() {
        return tenants;
    }

    public List<String> tenantTags() {
        return tenantTags;
    }

    /** True when tenants or tenant tags are given: the tenanted route, one environment. */
    public boolean tenanted() {
        return !tenants.isEmpty() || !tenantTags.isEmpty();
    }

    /** Prompted variable values by name; never print the values. */
    public Map<String, String> variables() {
        return variables;
    }

    public List<String> skipSteps() {
        return skipSteps;
    }

    public List<String> specificMachines() {
        return specificMachines;
    }

    public List<String> excludedMachines() {
        return excludedMachines;
    }

    /** Guided failure on or off; absent leaves it to the environment's setting. */
    public Optional<Boolean> guidedFailure() {
        return Optional.ofNullable(guidedFailure);
    }

    public boolean forcePackageDownload() {
        return forcePackageDownload;
    }

    public boolean updateVariableSnapshot() {
        return updateVariableSnapshot;
    }

    public Optional<OffsetDateTime> deployAt() {
        return Optional.ofNullable(deployAt);
    }

    public Optional<OffsetDateTime> noDeployAfter() {
        return Optional.ofNullable(noDeployAfter);
    }

    @Override
    public String toString() {
        return "DeploymentRequest[" + project + " " + releaseVersion + " to " + environments
                + (tenants.isEmpty() ? "" : ", tenants " + tenants)
                + (tenantTags.isEmpty() ? "" : ", tenant tags " + tenantTags)
                + (variables.isEmpty() ? "" : ", variables " + variables.keySet()) + "]";
    }

    private static List<String> copy(List<String> values) {
        return Collections.unmodifiableList(new ArrayList<>(values));
    }

    /** Builds a {@link DeploymentRequest}; blank entries are dropped. */
    public static final class Builder {
        private final String project;
        private final String releaseVersion;
        private final List<String> environments = new ArrayList<>();
        private final List<String> tenants = new ArrayList<>();
        private final List<String> tenantTags = new ArrayList<>();
        private final Map<String, String> variables = new LinkedHashMap<>();
        private final List<String> skipSteps = new ArrayList<>();
        private final List<String> specificMachines = new ArrayList<>();
        private final List<String> excludedMachines = new ArrayList<>();
        private Boolean guidedFailure;
        private boolean forcePackageDownload;
        private boolean updateVariableSnapshot;
        private OffsetDateTime deployAt;
        private OffsetDateTime noDeployAfter;

        private Builder(String project, String releaseVersion) {
            this.project = required(project, "project");
            this.releaseVersion = required(releaseVersion, "release version");
        }

        public Builder environments(List<String> names) {
            add(environments, names);
            return this;
        }

        public Builder environment(String name) {
            return environments(Collections.singletonList(name));
        }

        public Builder tenants(List<String> names) {
            add(tenants, names);
            return this;
        }

        public Builder tenantTags(List<String> tags) {
            add(tenantTags, tags);
            return this;
        }

        public Builder variable(String name, String value) {
            variables.put(required(name, "variable name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder skipSteps(List<String> steps) {
            add(skipSteps, steps);
            return this;
        }

        public Builder specificMachines(List<String> machines) {
            add(specificMachines, machines);
            return this;
        }

        public Builder excludedMachines(List<String> machines) {
            add(excludedMachines, machines);
            return this;
        }

        public Builder guidedFailure(boolean on) {
            this.guidedFailure = on;
            return this;
        }

        public Builder forcePackageDownload(boolean on) {
            this.forcePackageDownload = on;
            return this;
        }

        public Builder updateVariableSnapshot(boolean on) {
            this.updateVariableSnapshot = on;
            return this;
        }

        public Builder deployAt(OffsetDateTime when) {
            this.deployAt = Objects.requireNonNull(when, "when");
            return this;
        }

        public Builder noDeployAfter(OffsetDateTime when) {
            this.noDeployAfter = Objects.requireNonNull(when, "when");
            return this;
        }

        /**
         * @throws IllegalArgumentException without an environment, with several for a tenanted deployment, or
         *     with a {@code noDeployAfter} that is not after {@code deployAt}
         */
        public DeploymentRequest build() {
            if (environments.isEmpty()) {
                throw new IllegalArgumentException("No environment to deploy " + project + " " + releaseVersion
                        + " to: name at least one environment");
            }
            boolean tenanted = !tenants.isEmpty() || !tenantTags.isEmpty();
            if (tenanted && environments.size() > 1) {
                throw new IllegalArgumentException("A tenanted deployment goes to one environment, not "
                        + environments.size() + " (" + String.join(", ", environments)
                        + "): deploy to each environment separately");
            }
            if (deployAt != null && noDeployAfter != null && !noDeployAfter.isAfter(deployAt)) {
                throw new IllegalArgumentException(
                        "noDeployAfter (" + noDeployAfter + ") must be after deployAt (" + deployAt + ")");
            }
            return new DeploymentRequest(this);
        }

        private static void add(List<String> to, List<String> values) {
            for (String value : values) {
                if (value != null && !value.trim().isEmpty() && !to.contains(value.trim())) {
                    to.add(value.trim());
                }
            }
        }

        private static String required(String value, String what) {
            if (value == null || value.trim().isEmpty()) {
                throw new IllegalArgumentException("The " + what + " must not be blank");
            }
            return value.trim();
        }
    }
}
