#!/usr/bin/env node
import '../out/language/src/cli/bin.js';
