// Preloaded (node --require) into every process the scale benchmark times: at exit, writes the process's CPU time
// and peak resident memory (getrusage maxRSS, which includes native memory such as DuckDB's) to $IAPT_BENCH_USAGE.
const fs = require('node:fs');
process.on('exit', () => {
  const u = process.resourceUsage();
  if (process.env.IAPT_BENCH_USAGE) {
    fs.writeFileSync(process.env.IAPT_BENCH_USAGE, JSON.stringify({ cpu_s: (u.userCPUTime + u.systemCPUTime) / 1e6, peak_rss_mb: Math.round(u.maxRSS / 1024) }));
  }
});
