#!/bin/sh
# Octopus runs deploy.sh from the package root after extracting the package.
set -e
echo "Deploying hello-service"
java -jar hello-service-*.jar
