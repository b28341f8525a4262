#!/bin/sh
echo "deploying shop-web"
