import groovy.json.JsonSlurper

def server = context.get('octopus')
try {
    def builds = new File(basedir, 'build.log').text.split(/(?m)^Apache Maven /).drop(1)
    assert builds.size() == 3
    def v1 = new File(basedir, 'target/octopus/catalog.1.0.0.zip')
    def v2 = new File(basedir, 'target/octopus/catalog.1.0.1.zip')

    // 1.0.0: nothing to build a delta on, so the full file went
    assert builds[0].contains('uploaded catalog 1.0.0 (full file: no earlier version on the server)')
    assert server.storedPackage('Spaces-1', 'catalog', '1.0.0').get().contentEquals(v1.toPath())

    // the dry run of 1.0.1: would try a delta, sent nothing
    assert builds[1].contains('catalog.1.0.1.zip: would upload catalog 1.0.1 (trying a delta against the version the server signs first)')

    // 1.0.1: a delta against 1.0.0, and the server rebuilt exactly the local file
    def line = builds[2].readLines().find { it.contains('uploaded catalog 1.0.1, delta against 1.0.0: ') }
    assert line != null : 'no "delta against 1.0.0" summary line'
    assert line ==~ /\[INFO\] catalog\.1\.0\.1\.zip \(4\.0 MiB\): uploaded catalog 1\.0\.1, delta against 1\.0\.0: [0-9.]+ (B|KiB) of 4\.0 MiB \([0-9.]+ %\) in .*/
    assert server.deltaUploadsReceived() == 1
    assert server.deltasApplied() == 1
    assert server.deltaBytesReceived() < v2.length() / 100 : "delta of ${server.deltaBytesReceived()} bytes"
    assert server.requests('POST', 'packages/raw').size() == 1 : 'only 1.0.0 went in full'
    assert server.storedPackage('Spaces-1', 'catalog', '1.0.1').get().contentEquals(v2.toPath())

    def pushed = new JsonSlurper().parse(new File(basedir, 'target/octopus/push-report.json')).packages[0]
    assert pushed.version == '1.0.1'
    assert pushed.outcome == 'created'
    assert pushed.delta.baseVersion == '1.0.0'
    assert pushed.delta.deltaBytes == server.deltaBytesReceived()
    assert pushed.delta.fullBytes == v2.length()

    // no temporary signature or delta file left beside the packages
    assert new File(basedir, 'target/octopus').list().findAll { it.startsWith('.octopus-delta-') }.isEmpty()
} finally {
    server.close()
}
return true
