-- The writer of scripts/load-test: posts one new twinning per request to
-- POST /api/facts, with the API token of $LOADTEST_TOKEN as a Bearer header.
--
--   wrk -t1 -c1 -d20s -s scripts/load-test-writes.lua http://127.0.0.1:PORT -- RUN
--
-- RUN (a number) makes each run's facts different from the other runs'
-- against the same database: a fact is a city pair and a day, and each
-- request takes the next one, so that every post adds a fact. The status is
-- $LOADTEST_STATUS (default "proposed": the writes wait for review and do
-- not change what the readers read; "accepted" also re-renders the cities'
-- search entries).

-- Cities of the bundled data (the twinning list and the networks).
local cities = {
  "Bologna", "Leipzig", "Turin", "Milan", "Barcelona", "Lyon", "Munich", "Vienna",
  "Prague", "Lisbon", "Porto", "Seville", "Glasgow", "Dublin", "Helsinki", "Oslo",
  "Stockholm", "Copenhagen", "Amsterdam", "Rotterdam", "Ghent", "Antwerp", "Bristol",
  "Manchester", "Nantes", "Bordeaux", "Florence", "Genoa", "Naples", "Venice",
}

local token = os.getenv("LOADTEST_TOKEN") or ""
local status = os.getenv("LOADTEST_STATUS") or "proposed"
local n = 0

function init(args)
  -- Each run (and each thread) counts from its own million.
  local run = tonumber(args[1] or "0") or 0
  -- `id` is the global that setup() gave this thread.
  n = run * 1000000 + (tonumber(id or "0") or 0) * 100000
end

function setup(thread)
  setup_ids = (setup_ids or 0) + 1
  thread:set("id", tostring(setup_ids))
end

request = function()
  n = n + 1
  local k = #cities
  local pair = n % (k * (k - 1))
  local i = pair % k
  local j = (i + 1 + math.floor(pair / k)) % k
  local day = math.floor(n / (k * (k - 1)))
  local year = 1950 + math.floor(day / 336) % 75
  local month = 1 + math.floor(day / 28) % 12
  local dom = 1 + day % 28
  local body = string.format(
    '{"kind":"twinning","city":"%s","other":"%s","since":"%04d-%02d-%02d","status":"%s"}',
    cities[i + 1], cities[j + 1], year, month, dom, status)
  return wrk.format("POST", "/api/facts", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
  }, body)
end
