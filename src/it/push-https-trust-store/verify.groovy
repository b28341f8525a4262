def server = context.get('octopus')
try {
    assert server.url().toString().startsWith('https://127.0.0.1:')
    def builds = new File(basedir, 'build.log').text.split(/(?m)^Apache Maven /).drop(1)
    assert builds.size() == 2
    def refused = builds[0].readLines().find { it.startsWith('[ERROR]') && it.contains(server.url().toString()) }
    assert refused != null
    assert refused.contains('certificate') || refused.contains('PKIX')
    assert refused.contains('-Doctopus.trustStore=')

    assert builds[1].contains('uploaded payroll 1.0.0')
    assert server.storedPackage('Spaces-1', 'payroll', '1.0.0').get()
            .contentEquals(new File(basedir, 'target/octopus/payroll.1.0.0.zip').toPath())
    // -X prints every goal parameter: the trust store password is not one
    def ours = builds[1].split(/(?m)^\[INFO\] --- /).findAll { it =~ /^octopus(-maven-plugin)?:[^ ]*:push / }
    assert ours.size() == 1 && ours[0].contains('[DEBUG]')
    assert !ours[0].contains('changeit')
} finally {
    server.close()
}
return true
