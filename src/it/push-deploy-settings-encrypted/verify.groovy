import groovy.json.JsonSlurper

def server = context.get('octopus')
try {
    def zip = new File(basedir, 'target/octopus/inventory-service.2.0.0.zip')
    def stored = server.storedPackage('Spaces-1', 'inventory-service', '2.0.0')
    assert stored.isPresent()
    assert stored.get().contentEquals(zip.toPath())
    // sent once: the second build found the identical package and sent nothing
    assert server.uploadRequestCount('inventory-service', '2.0.0') == 1
    assert server.storeCount('inventory-service', '2.0.0') == 1

    def log = new File(basedir, 'build.log').text
    assert log.contains('uploaded inventory-service 2.0.0')
    assert log.contains('inventory-service 2.0.0 already on the server, identical')
    assert log =~ /Pushing 1 package\(s\) to http:\/\/127\.0\.0\.1:\d+ \(Octopus [0-9.]+\), space 'Default'/
    assert !log.contains(server.apiKey()) : 'the API key leaked into the build log'

    def report = new JsonSlurper().parse(new File(basedir, 'target/octopus/push-report.json'))
    assert report.space.id == 'Spaces-1'
    assert report.packages.size() == 1
    assert report.packages[0].packageId == 'inventory-service'
    assert report.packages[0].outcome == 'identical'
    assert report.packages[0].sha1 == stored.get().sha1()
    assert !new File(basedir, 'target/octopus/push-report.json').text.contains(server.apiKey())
} finally {
    server.close()
}
return true
