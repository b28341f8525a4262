import java.nio.file.Files

def server = context.get('octopus')
try {
    def serviceAccount = '0d7c5e3a-9b1f-4c6e-8a2d-5f4e3b2a1c0d'
    // the package arrived, signed in with the exchanged access token only
    assert server.storedPackage('Spaces-1', 'token-service', '2.0.0').isPresent()
    // once per build: build-information after the push signs in with the same access token
    assert server.tokenExchanges() == 1
    assert server.requests('GET', '^/api$').size() == 1
    def github = server.requests('GET', '/idtoken$')
    assert github.size() == 1
    assert github[0].proxied() : 'the ID token request went through the proxy settings'
    assert github[0].query().endsWith('&audience=' + serviceAccount)
    def accessToken = server.issuedAccessTokens().iterator().next()
    def api = server.requests().findAll { it.path().startsWith('/api') }
    assert !api.isEmpty()
    api.each { r ->
        assert r.header('Authorization').get() == 'Bearer ' + accessToken
        assert !r.header('X-Octopus-ApiKey').isPresent()
        assert !r.proxied()
    }

    def log = new File(basedir, 'build.log').text
    assert log.contains('[DEBUG]')
    assert log.contains("[INFO] Octopus access token from OIDC as service account ${serviceAccount} (ID token from GitHub Actions)")
    // neither token anywhere in the log, even under -X
    def tokens = [context.get('idToken'), accessToken]
    tokens.each { assert !log.contains(it) : 'a token leaked into build.log' }
    // under -X maven-resources-plugin prints every environment variable, the job's request token among them:
    // for that one the scan covers this plugin's own goals
    def ours = log.split(/(?m)^\[INFO\] --- /).findAll { it =~ /^octopus(-maven-plugin)?:/ }
    assert ours.size() == 3
    ours.each { section -> assert !section.contains('ghs_ItRequestTokenOfTheJob7Q3ZP0C9') }

    // nor in any file the build wrote (package, manifest, push report, build information)
    def written = []
    new File(basedir, 'target').eachFileRecurse { if (it.isFile()) { written << it } }
    assert written.any { it.name == 'push-report.json' }
    written.each { file ->
        def bytes = new String(Files.readAllBytes(file.toPath()), 'ISO-8859-1')
        (tokens + ['ghs_ItRequestTokenOfTheJob7Q3ZP0C9']).each { assert !bytes.contains(it) : "a token is in ${file}" }
    }
} finally {
    server.close()
}
return true
