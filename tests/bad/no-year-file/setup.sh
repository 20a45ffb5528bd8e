#!/bin/sh
rm jaar.xml
