def server = context.get('octopus')
try {
    def zip = new File(basedir, 'target/octopus/ledger.1.0.0.zip')
    def seeded = context.get('seededSha1')
    def builds = new File(basedir, 'build.log').text.split(/(?m)^Apache Maven /).drop(1)
    assert builds.size() == 3

    // FailIfExists: one [ERROR] line with both hashes and the fix, nothing sent
    def error = builds[0].readLines().find { it.startsWith('[ERROR]') && it.contains('already exists') }
    assert error != null
    assert error.contains("ledger 1.0.0 already exists on ${server.url()}")
    assert error.contains("server SHA-1 ${seeded}")
    assert error.contains('-Doctopus.overwriteMode=OverwriteExisting')
    assert builds[0].contains('[INFO] 1 package: 0 uploaded, 0 identical, 1 failed')

    assert builds[1].contains("[WARNING] Package ledger 1.0.0 already exists on ${server.url()} with different content (server SHA-1 ${seeded}")
    assert builds[1].contains('ledger 1.0.0 already existed, kept')
    assert builds[1].contains("[INFO] 1 package: 0 uploaded, 0 identical, 1 kept (the server's copy differs), 0 failed")

    assert builds[2].contains('uploaded ledger 1.0.0, replacing the previous content')
    assert builds[2].contains("[INFO] 1 package: 1 uploaded (1 replacing the server's copy), 0 identical, 0 failed")
    assert !builds[2].contains('different content') : 'the 200 answer to the replacement is no reason for a warning'
    assert server.storedPackage('Spaces-1', 'ledger', '1.0.0').get().contentEquals(zip.toPath())
    assert server.uploadRequestCount('ledger', '1.0.0') == 1 : 'only OverwriteExisting sent the file'
} finally {
    server.close()
}
return true
