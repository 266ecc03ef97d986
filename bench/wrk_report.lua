-- Prints one line for bench/site.py at the end of a wrk run: requests, duration, latency
-- percentiles in milliseconds, and errors. `status` is wrk's count of responses with a status
-- above 399 (neither 2xx nor 3xx); the others are socket errors.
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "BENCH requests=%d seconds=%.3f p50=%.3f p95=%.3f p99=%.3f " ..
    "status=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    errors.status, errors.connect, errors.read, errors.write, errors.timeout))
end
