#!/bin/sh
echo "deploying catalog 1.0.0"
