import groovy.json.JsonSlurper

def server = context.get('octopus')
def ids = context.get('commits')
try {
    def first = server.buildInformation('catalog-service', '1.0.0').orElseThrow()
    def second = server.buildInformation('catalog-service', '1.0.1').orElseThrow()
    def standalone = server.buildInformation('catalog-service', '1.0.2').orElseThrow()

    // the first build: no earlier build information, no tag, so the whole (short) history, newest first
    assert first.commits()*.id()*.get() == [ids[2], ids[1], ids[0]]
    assert first.vcsCommitNumber().get() == ids[2]
    // the second: exactly the two commits since the commit Octopus recorded for 1.0.0, messages verbatim
    assert second.commits()*.id()*.get() == [ids[4], ids[3]]
    assert second.commits()*.comment()*.get() == [
        'Cache the catalog for five minutes\n\nThe catalog changes rarely; a short cache halves the load.',
        'Fix the price rounding (#12)']
    assert second.vcsCommitNumber().get() == ids[4]
    assert standalone.commits().isEmpty()

    [first, second, standalone].each { record ->
        assert record.buildEnvironment().get() == 'Jenkins'
        assert record.buildNumber().get() == '77'
        assert record.buildUrl().get() == 'https://jenkins.example.com/job/catalog/77/'
        assert record.branch().get() == 'main'
        assert record.vcsType().get() == 'Git'
        assert record.vcsRoot().get() == 'https://github.com/example/catalog'
    }

    // build information arrives before the package it describes
    def text = { request -> new String(request.body().orElse(new byte[0]), 'ISO-8859-1') }
    ['1.0.0', '1.0.1'].each { version ->
        def info = server.requests('POST', '.*/build-information').find { text(it).contains("\"$version\"") }
        def upload = server.requests('POST', '.*/packages/(raw|.+/delta).*').find { text(it).contains("catalog-service.${version}.zip") }
        assert info != null && upload != null
        assert info.sequence() < upload.sequence()
    }
    assert !server.storedPackage('Spaces-1', 'catalog-service', '1.0.2').isPresent()

    def written = new File(basedir, 'checkout/target/octopus/build-information.json')
    def records = new JsonSlurper().parse(written).records
    assert records*.Version == ['1.0.2']
    assert records[0].OctopusBuildInformation.VcsRoot == 'https://github.com/example/catalog'

    def everything = new File(basedir, 'build.log').text + written.text +
        new File(basedir, 'first/target/octopus/build-information.json').text
    assert !everything.contains('s3cr3t-t0ken') : 'the token in the remote URL leaked'
} finally {
    server.close()
}
return true
