package io.github.octomvn.octopus.testserver;

/** The Octopus permissions the test server checks. */
public enum Permission {
    /** Read packages of the built-in feed. */
    FeedView,
    /** Push new packages. */
    BuiltInFeedPush,
    /** Replace existing packages ({@code OverwriteExisting}). */
    BuiltInFeedAdminister,
    /** Push build information. */
    BuildInformationPush,
    /** Replace build information. */
    BuildInformationAdminister,
    /** Read projects, their channels and deployment processes. */
    ProjectView,
    /** Read environments. */
    EnvironmentView,
    /** Read tenants. */
    TenantView,
    /** Read releases. */
    ReleaseView,
    /** Create releases ({@code releases/create/v1}). */
    ReleaseCreate,
    /** Read deployments. */
    DeploymentView,
    /** Create deployments ({@code deployments/create/untenanted/v1}, {@code tenanted/v1}). */
    DeploymentCreate,
    /** Read server tasks and their logs. */
    TaskView,
    /** Cancel server tasks. */
    TaskCancel
}
