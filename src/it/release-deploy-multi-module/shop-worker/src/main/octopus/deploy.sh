#!/bin/sh
echo "deploying shop-worker"
