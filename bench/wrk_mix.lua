-- Asks for the paths given after `--` in turn, each thread from its own place in the list,
-- and prints wrk_report.lua's BENCH line at the end (bench/soak.py).
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "wrk_report.lua")

local paths = {}
local next_index = 1
local thread_number = 0

setup = function(thread)
  thread_number = thread_number + 1
  thread:set("first", thread_number)
end

init = function(args)
  for _, path in ipairs(args) do
    paths[#paths + 1] = path
  end
  next_index = ((first or 1) - 1) * math.floor(#paths / 2) % #paths + 1
end

request = function()
  local path = paths[next_index]
  next_index = next_index % #paths + 1
  return wrk.format("GET", path)
end
