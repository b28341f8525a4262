#!/bin/sh
echo "deploying ledger"
