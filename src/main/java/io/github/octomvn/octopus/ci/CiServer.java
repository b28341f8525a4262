package io.github.octomvn.octopus.ci;

/** The CI servers the plugin recognises from their environment variables. */
public enum CiServer {
    GITHUB_ACTIONS,
    GITLAB_CI,
    AZURE_PIPELINES,
    JENKINS,
    TEAMCITY,
    BAMBOO,
    CIRCLECI,
    BITBUCKET_PIPELINES,
    TRAVIS_CI,
    /** No CI server: a build on a developer's machine. */
    NONE
}
