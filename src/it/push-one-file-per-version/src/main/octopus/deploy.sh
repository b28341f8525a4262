#!/bin/sh
echo "deploying inventory"
