def log = new File(basedir, 'build.log').text
assert log.contains("Invalid Octopus package ID 'billing.2'")
assert log.contains("billing.v2")
assert !new File(basedir, 'target/octopus').exists() || new File(basedir, 'target/octopus').list().length == 0
return true
