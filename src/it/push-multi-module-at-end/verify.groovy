def server = context.get('octopus')
try {
    // every package stored and sent exactly once: none in the failed build, one upload each later
    ['shop-web', 'shop-worker'].each { id ->
        ['1.0.0', '1.0.1'].each { version ->
            assert server.storedPackage('Spaces-1', id, version).isPresent() : "$id $version not pushed"
            assert server.uploadRequestCount(id, version) == 1
            def local = new File(basedir, "${id}/target/octopus/${id}.${version}.zip")
            if (version == '1.0.1') {
                assert server.storedPackage('Spaces-1', id, version).get().contentEquals(local.toPath())
            }
        }
    }
    assert server.packages().size() == 4 : 'the library module has no package'

    // one log per build, in order
    def builds = new File(basedir, 'build.log').text.split(/(?m)^Apache Maven /).drop(1)
    assert builds.size() == 4
    def failed = builds[0]
    assert failed.contains('Packages of shop-web are pushed once every module is built.')
    assert failed.contains("Invalid package ID 'shop_worker!'") || failed.contains('shop_worker!')
    assert !failed.contains('Pushing ')
    assert !failed.contains('uploaded ')

    def ok = builds[1]
    // uploaded (not "identical") here, so the failed build really sent nothing
    assert ok.contains('uploaded shop-web 1.0.0')
    assert ok.contains('uploaded shop-worker 1.0.0')
    assert ok.indexOf('Packed shop-worker.1.0.0.zip') < ok.indexOf('Pushing 2 package(s)')

    def parallel = builds[2]
    assert parallel.contains('uploaded shop-web 1.0.1')
    assert parallel.contains('uploaded shop-worker 1.0.1')
    assert parallel.count('Pushing 2 package(s)') == 1

    def early = builds[3]
    assert early.contains("Unknown overwrite mode 'Sometimes'")
    assert early =~ /shop-web \.+ FAILURE/
    assert early =~ /shop-worker \.+ SKIPPED/
} finally {
    server.close()
}
return true
