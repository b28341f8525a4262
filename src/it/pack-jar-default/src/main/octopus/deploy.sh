#!/bin/sh
set -e
echo "deploying orders-service"
echo "stopping orders-service"
echo "starting orders-service"
echo "deployed orders-service"
