#!/bin/sh
echo "deploying catalog-service"
