#!/bin/sh
# A 100 MB file (sparse, so the test costs no disk): refused before it is read.
truncate -s 100M interventies.xml
