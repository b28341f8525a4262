#!/bin/sh
echo "deploying audit-log"
