import groovy.json.JsonSlurper

def server = context.get('octopus')
try {
    def zip = new File(basedir, 'target/octopus/billing-api.3.1.0.zip')
    def stored = server.storedPackage('Spaces-2', 'billing-api', '3.1.0')
    assert stored.isPresent()
    assert stored.get().contentEquals(zip.toPath())
    assert server.requests('POST', '/api/Spaces-2/packages/raw.*').size() == 1 : 'the dry run sent nothing'
    assert server.packages().size() == 1 : 'only the last pack is pushed, not the stale 3.0.9'

    def builds = new File(basedir, 'build.log').text.split(/(?m)^Apache Maven /).drop(1)
    assert builds.size() == 3
    assert builds[1].contains("Dry run: would push 1 package(s) to ")
    assert builds[1].contains("space 'Team B'")
    assert builds[1].contains('billing-api.3.1.0.zip: would upload billing-api 3.1.0')
    assert builds[1].contains('[INFO] Dry run: 1 package would be uploaded, 0 are already identical')
    assert builds[2].contains('uploaded billing-api 3.1.0')
    assert builds[2].contains('[INFO] 1 package: 1 uploaded, 0 identical, 0 failed')

    def report = new JsonSlurper().parse(new File(basedir, 'target/octopus/push-report.json'))
    assert report.dryRun == false
    assert report.space.name == 'Team B'
    assert report.packages*.outcome == ['created']
} finally {
    server.close()
}
return true
