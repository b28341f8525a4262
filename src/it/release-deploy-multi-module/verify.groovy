def server = context.get('octopus')
try {
    // one release per version, holding the packages both modules pushed
    assert server.releases().size() == 3
    def first = server.release('Shop', '1.0.0').get()
    assert first.packageVersion('shop-web').get() == '1.0.0'
    assert first.packageVersion('shop-worker').get() == '1.0.0'
    assert server.release('Shop', '1.0.1').get().packageVersion('shop-worker').get() == '1.0.1'

    // Dev twice (builds 1 and 2), Test once (build 3); the prompted variable arrived
    def deployments = server.deployments()
    assert deployments.collect { it.environmentName() } == ['Dev', 'Dev', 'Test', 'Dev']
    assert deployments[3].releaseVersion() == '1.0.2'
    assert deployments.every { it.variables()['Db.Password'] == 's3cret-db-password' }

    // packages before the release, the release before the deployment
    def secondUpload = server.requests('POST', 'packages/raw$')[1].sequence()
    def firstRelease = server.requests('POST', 'releases/create/v1$')[0].sequence()
    def firstDeployment = server.requests('POST', 'deployments/create/untenanted/v1$')[0].sequence()
    assert server.requests('POST', 'packages/raw$').size() == 6
    assert server.requests('POST', 'releases/create/v1$').size() == 3 : 'the identical re-run sends no release'

    // each build that reaches the server (2 to 5; the first fails before) reads its root document and resolves
    // its space once, for the pushes of both modules, create-release and deploy-release alike, also under -T 2
    assert server.requests('GET', '^/api$').size() == 4
    assert server.requests('GET', '^/api/spaces/').size() == 4

    def builds = new File(basedir, 'build.log').text.split(/(?m)^Apache Maven /).drop(1)
    assert builds.size() == 5
    def broken = builds[0]
    assert broken.contains('The Octopus release is created once every module is built.')
    assert !broken.contains('Release Shop')
    assert !broken.contains('Deploying Shop')
    def ok = builds[1]
    assert ok.count('Release Shop 1.0.0 created') == 1
    assert ok.contains('The Octopus release is created once every module is built.')
    assert ok.indexOf('Pushing 2 package(s)') < ok.indexOf('Release Shop 1.0.0 created')
    assert !ok.contains("Dev: Success, ")
    assert ok =~ /Dev: Success in \d+s, http:\/\/127\.0\.0\.1:\d+\/app#\/Spaces-1\/tasks\/ServerTasks-1/
    assert builds[2].contains('Release Shop 1.0.0 already exists, identical')
    def failed = builds[3]
    assert failed.contains("Deployment to Test ended Failed: The step 'Deploy worker' failed")
    assert failed.contains('shop-worker.service: unit not found')
    assert failed.contains('/app#/Spaces-1/tasks/ServerTasks-3')
    assert secondUpload < firstRelease && firstRelease < firstDeployment

    def parallel = builds[4]
    assert parallel.count('Release Shop 1.0.2 created') == 1
    assert parallel.count('Deploying Shop 1.0.2 to Dev') == 1
    def lastUploadOfParallel = server.requests('POST', 'packages/raw$')[5].sequence()
    assert lastUploadOfParallel < server.requests('POST', 'releases/create/v1$')[2].sequence()

    def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/octopus/release-report.json'))
    assert report.release.version == '1.0.2'
    assert report.deployments[0].environment == 'Dev'
    assert report.deployments[0].state == 'Success'
    // the push report of the same build links to it
    def pushReport = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/octopus/push-report.json'))
    assert new File(pushReport.releaseReport).canonicalPath == new File(basedir, 'target/octopus/release-report.json').canonicalPath

    // GitLab's dotenv file of the last build (-T 2): every package of the reactor once, the release, the deployment
    assert new File(basedir, 'target/octopus/octopus.env').text ==
            'OCTOPUS_PACKAGE_IDS=shop-web,shop-worker\nOCTOPUS_PACKAGE_VERSIONS=1.0.2,1.0.2\nOCTOPUS_VERSION=1.0.2\n' +
            'OCTOPUS_RELEASE_VERSION=1.0.2\nOCTOPUS_DEPLOYMENT_STATE=Success\n'
    assert !new File(basedir, 'shop-web/target/octopus/octopus.env').exists()

    // the secret is nowhere: not in this plugin's output (build 3 runs under -X, where maven-resources-plugin
    // prints every environment variable, so the scan covers this plugin's goals, from their "--- octopus:" header
    // to the next goal's), not in the report
    def log = new File(basedir, 'build.log').text
    assert builds[2].contains('[DEBUG]')
    def ours = log.split(/(?m)^\[INFO\] --- /).findAll { it =~ /^octopus(-maven-plugin)?:/ }
    assert ours.size() > 20
    ours.each { section -> assert !section.contains('s3cret-db-password') : "the secret leaked: ${section.take(200)}" }
    assert !new File(basedir, 'target/octopus/release-report.json').text.contains('s3cret-db-password')
    assert !new File(basedir, 'target/octopus/octopus.env').text.contains('s3cret-db-password')
} finally {
    server.close()
}
return true
