#!/bin/sh
echo "deploying vault-client"
