#!/bin/sh
echo "deploying orders-service"
