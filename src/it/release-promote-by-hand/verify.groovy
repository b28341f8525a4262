def server = context.get('octopus')
try {
    def deployments = server.deployments()
    assert deployments.collect { it.environmentName() + '/' + it.tenantName().orElse('') } ==
            ['Test/', 'Production/Acme', 'Production/Globex', 'Stuck/', 'Stuck/']
    assert deployments.every { it.releaseVersion() == '1.4.0' }
    assert server.releases().size() == 1 : 'promoting creates no release'

    def log = new File(basedir, 'build.log').text
    def builds = log.split(/(?m)^Apache Maven /).drop(1)
    assert builds.size() == 4
    assert builds[0] =~ /Test: Success in \d+s, http:\/\/127\.0\.0\.1:\d+\/app#\/Spaces-1\/tasks\/ServerTasks-1/
    assert builds[1].contains('Production/Acme: Success in')
    assert builds[1].contains('Production/Globex: Success in')
    assert !log.contains('API-TESTKEY') : 'the API key shows in the build log'

    def stuck = builds[2]
    assert stuck.contains('Deployment to Stuck did not finish within the deployment time-out')
    assert stuck.contains('the task goes on in Octopus')
    assert stuck.contains('Waiting for the database lock')
    assert server.taskState(deployments[3].taskId()) == 'Executing'
    assert !server.taskCancelRequested(deployments[3].taskId())

    def canceled = builds[3]
    assert canceled.contains('Stuck: still Executing at the time-out; canceling ' + deployments[4].taskId())
    assert canceled.contains('Deployment to Stuck was canceled after the deployment time-out')
    assert server.taskState(deployments[4].taskId()) == 'Canceled'

    // without a pom the report goes to ./target/octopus
    def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'no-pom/target/octopus/release-report.json'))
    assert report.release == null
    assert report.deployments[0].environment == 'Stuck'
    assert report.deployments[0].state == 'Canceled'
} finally {
    server.close()
}
return true
