package io.github.octomvn.octopus.maven;

import io.github.octomvn.octopus.buildinfo.GitRepository;
import io.github.octomvn.octopus.ci.CiEnvironment;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** The branch and commit this build built: the CI's, else those of the git checkout, else none. */
final class BuildGit {
    /** Null when unknown. */
    final String branch;
    /** Null when unknown. */
    final String commit;

    private BuildGit(String branch, String commit) {
        this.branch = branch;
        this.commit = commit;
    }

    static BuildGit of(ProcessEnvironment environment, Path directory) {
        CiEnvironment ci = CiEnvironment.detect(environment.variables());
        Optional<String> branch = ci.branch();
        Optional<String> commit = ci.commit();
        if (branch.isEmpty() || commit.isEmpty()) {
            try (GitRepository git = GitRepository.find(directory).orElse(null)) {
                if (git != null) {
                    branch = branch.or(git::currentBranch);
                    commit = commit.or(git::headCommit);
                }
            } catch (IOException | RuntimeException e) {
                // no git information: a version-controlled project then needs gitRef set
            }
        }
        return new BuildGit(branch.orElse(null), commit.orElse(null));
    }
}
