#!/bin/sh
echo "deploying inventory-service"
