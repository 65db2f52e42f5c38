/**
 * Preloaded (`node --import`) into a measured child: on exit it writes the
 * process's resource usage (peak RSS, CPU time of all its threads) as JSON
 * to the file named by CHITIEU_BENCH_USAGE. getrusage is exact where polling
 * /proc would miss a peak between two looks.
 */
import fs from "node:fs";

const file = process.env.CHITIEU_BENCH_USAGE;
if (file) process.on("exit", () => fs.writeFileSync(file, JSON.stringify(process.resourceUsage())));
