/**
 * Preloaded into a CLI process (`node --import <this> bin/resil.js ...`): writes the process's peak resident
 * memory (KB) and CPU time (µs) as JSON to the file named by RESIL_BENCH_PEAK_FILE when it exits. The CPU time
 * says what the wall time would be on an idle machine.
 */
import * as fs from 'node:fs';

const file = process.env.RESIL_BENCH_PEAK_FILE;
if (file) {
    process.on('exit', () => {
        const usage = process.resourceUsage();
        fs.writeFileSync(file, JSON.stringify({ maxRssKb: usage.maxRSS, cpuMicros: usage.userCPUTime + usage.systemCPUTime }));
    });
}
