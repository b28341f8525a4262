/**
 * Releases and deployments (§7 of the Octopus contract), on top of the connection in {@code client}: immutable
 * requests ({@link io.github.octomvn.octopus.release.ReleaseRequest},
 * {@link io.github.octomvn.octopus.release.DeploymentRequest}), release creation that is safe to re-run
 * ({@link io.github.octomvn.octopus.release.ReleaseCreator}), deployments that are never sent twice
 * ({@link io.github.octomvn.octopus.release.Deployer}), waiting on their tasks with an injected clock and sleeper
 * ({@link io.github.octomvn.octopus.release.TaskWaiter}), release notes from commits and the release report.
 */
package io.github.octomvn.octopus.release;
