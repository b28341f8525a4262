def server = context.get('octopus')
try {
    def zip = new File(basedir, 'target/octopus/Inventory.1.0.0.zip')
    assert zip.isFile()
    assert new File(basedir, 'target/octopus/Inventory.1.0.0.tar.gz').isFile()
    def builds = new File(basedir, 'build.log').text.split(/(?m)^Apache Maven /).drop(1)
    assert builds.size() == 3
    def keptLocal = '[INFO] Inventory.1.0.0.tar.gz is not pushed: Octopus keeps one file per package ID and version,' +
            ' and Inventory.1.0.0.zip (the first format listed) goes.'

    // the dry run plans exactly the zip
    assert builds[0].contains(keptLocal)
    assert builds[0].contains('Dry run: would push 1 package(s)')
    assert builds[0].readLines().count { it.contains(': would upload') } == 1
    assert !builds[0].contains('Inventory.1.0.0.tar.gz: would')

    // the push sends the zip once, and the tar.gz never
    assert builds[1].contains(keptLocal)
    assert builds[1].contains('Pushing 1 package(s)')
    assert server.storedPackage('Spaces-1', 'Inventory', '1.0.0').get().contentEquals(zip.toPath())
    assert server.uploadRequestCount('Inventory', '1.0.0') == 1
    def posts = server.requests('POST', '.*').size()

    // by hand: refused before any request, naming both files
    def error = builds[2].readLines().find { it.startsWith('[ERROR]') && it.contains('same package ID and version') }
    assert error != null
    assert error.contains('Inventory.1.0.0.zip') && error.contains('Inventory.1.0.0.tar.gz')
    assert server.requests('POST', '.*').size() == posts
} finally {
    server.close()
}
return true
