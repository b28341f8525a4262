/**
 * The CI server a build runs on and its users' view of the build: which CI this is and what it says about the build
 * ({@link io.github.octomvn.octopus.ci.CiEnvironment}, read from an injected environment, credential-free), and
 * putting a goal's results where that CI shows them ({@link io.github.octomvn.octopus.ci.CiReporter}: GitHub Actions
 * job summaries, step outputs and annotations, a GitLab dotenv report, TeamCity and Azure Pipelines service
 * messages). Takes plain values ({@link io.github.octomvn.octopus.ci.JobResults}); imports no other package of the
 * plugin and knows nothing of Maven.
 */
package io.github.octomvn.octopus.ci;
