#!/bin/sh
exec java -jar greeter.jar
