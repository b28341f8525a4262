import java.nio.file.Files

def server = context.get('octopus')
def secrets = [server.apiKey(), context.get('token'), 'c2VjcmV0LXRva2VuLTQyNDI']
try {
    // the goals really ran and talked to the server with each credential
    assert server.storedPackage('Spaces-1', 'vault-client', '1.0.0').isPresent()
    assert server.storedPackage('Spaces-1', 'vault-client', '1.0.1').isPresent()
    assert !server.storedPackage('Spaces-1', 'vault-client', '1.0.2').isPresent() : 'dry run'
    // build-information and push are both bound: the record goes up once
    ['1.0.0', '1.0.1'].each { v -> assert server.buildInformationWriteCount('vault-client', v) == 1 }
    assert server.requests('POST', '.*/build-information').size() == 2

    def log = new File(basedir, 'build.log').text
    assert log.contains('[DEBUG]')
    // nobody prints a settings.xml password, so the key must be nowhere in the log
    assert !log.contains(server.apiKey())
    // under -X maven-resources-plugin prints every environment variable ("properties used"), so for the
    // token the scan covers this plugin's own goals, from their "--- octopus:" header to the next goal's
    def ours = log.split(/(?m)^\[INFO\] --- /).findAll { it =~ /^octopus(-maven-plugin)?:/ }
    assert ours.size() == 9
    ours.each { section -> secrets.each { assert !section.contains(it) : "a secret leaked: ${section.take(200)}" } }

    // every file the build wrote: packages, reports, build-information.json, manifests
    def written = []
    new File(basedir, 'target').eachFileRecurse { if (it.isFile()) { written << it } }
    assert written.any { it.name == 'push-report.json' } && written.any { it.name == 'build-information.json' }
    written.each { file ->
        def bytes = new String(Files.readAllBytes(file.toPath()), 'ISO-8859-1')
        secrets.each { assert !bytes.contains(it) : "a secret is in ${file}" }
    }
    // nor in what the server was sent as build information
    server.buildInformation().each { record -> secrets.each { assert !record.toString().contains(it) } }
} finally {
    server.close()
}
return true
