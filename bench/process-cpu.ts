/**
 * CPU time (user + system) a process has used so far, in microseconds, from /proc (Linux):
 * the server's own cost per request, which moves much less than throughput on a shared VM.
 *
 * Example: const before = processCpuMicros(pid); …load…; (processCpuMicros(pid) - before) / requests
 */
import { readFileSync } from 'node:fs';

export function processCpuMicros(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime + stime, in clock ticks of 1/100 s.
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}
