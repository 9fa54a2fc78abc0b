#!/usr/bin/env node
import '../out/cli/resil.js';
