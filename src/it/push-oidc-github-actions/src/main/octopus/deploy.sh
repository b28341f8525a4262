#!/bin/sh
echo "deploying token-service"
