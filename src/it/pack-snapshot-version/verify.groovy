def names = new File(basedir, 'target/octopus').list().toList()
assert names.size() == 1
assert names[0] ==~ /inventory\.1\.0\.0-SNAPSHOT\.20\d{6}T\d{6}\.zip/
return true
