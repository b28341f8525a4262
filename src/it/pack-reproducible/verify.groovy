['ledger.1.2.3.zip', 'ledger.1.2.3.tar.gz'].each { name ->
    def first = new File(basedir, "first-build/$name")
    def second = new File(basedir, "second-build/$name")
    assert first.isFile() && second.isFile()
    assert first.bytes == second.bytes : "$name differs between two builds"
}
return true
