#!/usr/bin/env node
import '../dist/cli/resil.js';
