-- wrk script for benches/load.sh: each request takes the next path of a
-- list (mixed queries, or one kind), so every client cycles through all.
-- Set with: wrk ... -s benches/load.lua URL -- MODE   (MODE: mixed | phrase)
local mixes = {
  phrase = {
    "/api/search?q=%22pretrial+detention%22&section=arrest&facets=true",
  },
  mixed = {
    "/api/search?q=%22pretrial+detention%22&section=arrest&facets=true",
    "/api/search?q=torture+prison&facets=true",
    "/api/search?q=government",
    "/api/search?q=journalists&year=2010..2015&country=kazakhstan",
    "/api/search?q=detain*&sort=year&offset=10",
    "/api/search?q=%22freedom+of+expression%22+-internet&section=civil-liberties",
    "/api/search?q=trafficking+OR+forced+labor&facets=true&limit=20",
    "/api/search?q=tortrue",
    "/api/report?country=kazakhstan&year=2020&section=arrest",
    "/api/trend?q=%22pretrial+detention%22&country=kazakhstan",
  },
}
local paths
local i = 0
-- In-server times from each answer's Server-Timing header (ms): the
-- search itself, and the wait for a search slot before it.
searches = {}
waits = {}
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function response(status, headers, body)
  local timing = headers["server-timing"] or headers["Server-Timing"]
  if timing then
    local wait = timing:match("wait;dur=([%d%.]+)")
    local search = timing:match("search;dur=([%d%.]+)")
    if search then searches[#searches + 1] = tonumber(search) end
    if wait then waits[#waits + 1] = tonumber(wait) end
  end
end

local function percentile(sorted, p)
  if #sorted == 0 then return 0 end
  local k = math.max(1, math.ceil(#sorted * p / 100))
  return sorted[k]
end

function done(summary, latency, requests)
  local all_searches, all_waits = {}, {}
  for _, thread in ipairs(threads) do
    for _, v in ipairs(thread:get("searches")) do all_searches[#all_searches + 1] = v end
    for _, v in ipairs(thread:get("waits")) do all_waits[#all_waits + 1] = v end
  end
  table.sort(all_searches)
  table.sort(all_waits)
  io.write(string.format("in-server search: p50 %.2fms p99 %.2fms (%d answers); wait for a slot: p50 %.2fms p99 %.2fms\n",
    percentile(all_searches, 50), percentile(all_searches, 99), #all_searches,
    percentile(all_waits, 50), percentile(all_waits, 99)))
end

function init(args)
  paths = mixes[args[1] or "mixed"] or mixes.mixed
  -- Threads start at different places of the list.
  i = math.random(#paths) - 1
end

function request()
  i = (i % #paths) + 1
  return wrk.format("GET", paths[i])
end
