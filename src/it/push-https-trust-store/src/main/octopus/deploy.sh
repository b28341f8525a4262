#!/bin/sh
echo "deploying payroll"
