#!/bin/sh
echo post-deploy
