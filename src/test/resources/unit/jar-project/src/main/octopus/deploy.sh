#!/bin/sh
echo "deploying greeter"
