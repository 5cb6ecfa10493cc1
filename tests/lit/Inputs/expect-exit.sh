#!/bin/sh
# expect-exit.sh CODE COMMAND [ARG...]
#
# Runs COMMAND, prints what it wrote to stdout and stderr on stdout (for
# FileCheck), and fails unless COMMAND exited with status CODE. A test then
# checks the exit code and the message in one line:
#   RUN: %inputs/expect-exit.sh 2 %hfc eval %t/bad.json | FileCheck %s
expected="$1"
shift
"$@" 2>&1
status=$?
if [ "$status" -ne "$expected" ]; then
  echo "expect-exit.sh: '$*' exited with status $status, expected $expected" >&2
  exit 1
fi
exit 0
