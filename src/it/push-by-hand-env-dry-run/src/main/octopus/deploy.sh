#!/bin/sh
echo "deploying billing-api"
