def server = context.get('octopus')
try {
    def url = server.url().toString()
    def builds = new File(basedir, 'build.log').text.split(/(?m)^Apache Maven /).drop(1)
    assert builds.size() == 2

    // 1. the job summary: the package with its size, outcome and link, and the build information
    def summary = new File(basedir, 'step_summary.md').text
    def sections = summary.split(/(?m)^### Octopus Deploy: /).drop(1)
    assert sections.size() == 2 : 'one section per goal execution that did something'
    assert sections[0].startsWith("push ([${url}](${url}))\n")
    assert sections[0].contains("| [audit-log](${url}/app#/Spaces-1/library/builtinrepository/versions/audit-log) | 0.9.0 | ")
    assert sections[0] =~ /\| 0\.9\.0 \| [0-9.]+ (B|kB) \| uploaded \|/
    assert sections[0].contains('| Build information | Version | Commits | Outcome |')
    // the commit count: this folder sits in the plugin's own checkout, so git finds its history (up to maxCommits)
    assert sections[0] =~ /\) \| 0\.9\.0 \| [0-9]+ \| created \|/
    assert !sections[0].contains('Failed')

    // the step outputs, appended after what an earlier step wrote; the failed build adds none
    assert new File(basedir, 'github_output.txt').text ==
            'earlier=step\npackage-ids=audit-log\npackage-versions=0.9.0\nversion=0.9.0\n'

    // the build information carries the run's number, link, branch and commit
    def info = server.buildInformation()
    assert info.size() == 1
    assert info[0].buildEnvironment().get() == 'GitHub Actions'
    assert info[0].buildNumber().get() == '12'
    assert info[0].buildUrl().get() == 'https://github.com/acme/audit-log/actions/runs/7654321'
    assert info[0].branch().get() == 'main'
    assert info[0].vcsCommitNumber().get() == '3f786850e387550fdab836ed7e6dc881de23001b'
    assert builds[0].readLines().every { !it.startsWith('::') }

    // 2. the failure: one ::error:: line at the start of a line (no [ERROR] prefix), the build's own message
    def errors = builds[1].readLines().findAll { it.startsWith('::error::') }
    assert errors.size() == 1
    assert errors[0].contains('401')
    assert errors[0].contains('API key')
    assert sections[1].contains('**Failed:** ')
    assert sections[1].contains('| audit-log | 0.9.0 | ')
    assert sections[1].contains('| skipped: not pushed |')
    assert !new File(basedir, 'build.log').text.contains('WRONGKEY7Q3ZP0C9XKD2M')
    assert !summary.contains('WRONGKEY7Q3ZP0C9XKD2M')
    assert server.packages().size() == 1
} finally {
    server.close()
}
return true
