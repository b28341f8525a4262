#!/bin/sh
echo "deploying catalog 1.0.1, now with a health check"
curl -fsS http://localhost:8080/health
