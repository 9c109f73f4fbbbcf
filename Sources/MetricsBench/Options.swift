import Foundation

/// MetricsBench's command line: the sizes, runs and the one mode a run measures.
struct Options {
  var sizes = [100_000, 1_000_000]
  var runs = 5
  var json = false
  var mode = Mode.refresh
  /// Whether the default comparison also measures the incremental strategy.
  var incremental = true

  /// What a run measures: the default comparison, or one of the opt-in modes.
  enum Mode: String {
    case refresh = ""
    case deployStall = "--deploy-stall"
    case deployFiles = "--deploy-files"
    case captureCost = "--capture-cost"
    case liveFallback = "--live-fallback"
    case replicaWAL = "--replica-wal"
    case writerLoad = "--writer-load"
    case readersUnderLoad = "--readers-under-load"
  }

  static let usage = """
    USAGE: MetricsBench [--calls N[,N…]] [--include-10m] [--include-30m] [--runs R]
                        [--refresh-only]
                        [--deploy-stall | --deploy-files | --capture-cost | --live-fallback
                         | --replica-wal | --writer-load | --readers-under-load] [--json]
      --calls N,…      Sizes to measure, in calls (default: 100000,1000000).
      --include-10m    Also measure 10,000,000 calls (takes several minutes).
      --include-30m    Also measure 30,000,000 calls (about 30 minutes on 2 cores with
                       --refresh-only --runs 2, and about 12 GB of disk).
      --refresh-only   Compare the refresh strategy with the story only, without measuring
                       the incremental strategy on the same data.
      --runs R         Timed refreshes per variant and size (default: 5); the runs of
                       --capture-cost, --live-fallback, --replica-wal and --writer-load.
      --deploy-stall   Measure instead how long writers wait while the incremental strategy
                       is deployed on a database running the refresh strategy.
      --deploy-files   Measure instead how long writers wait while the incremental strategy's
                       generated schema.sql, refresh_metrics.sql and read_api.sql are applied
                       on a database with data, and applied again.
      --capture-cost   Measure instead what the capture functions' exception block costs
                       writers: one-row, 10,000-row and 100-INSERT transactions (wall and
                       backend CPU time), transaction IDs, reads beside an open 100-INSERT
                       transaction, and 8 concurrent pgbench writers; with the block, without
                       it and without the triggers, in an order rotating by run.
      --live-fallback  Measure instead the incremental strategy's view before its first
                       catch-up (rows computed from the sources) and after: get_metrics_for_range
                       with the totals built, not built, and without the view's fallback branch,
                       JIT on and off; and the first catch-up.
      --replica-wal    Measure instead the WAL each strategy's five-minute job writes (what
                       streaming replication sends to every read replica): with nothing new and
                       after a 10-call batch, right after a checkpoint and without one.
      --writer-load    Measure instead what capturing changes costs 8 concurrent pgbench
                       writers (one call per transaction, and a mix with orders, reservations,
                       updates and deletes): with the capture triggers, without them, and with
                       a wal2json logical slot read every 2 s instead, alternating 10 s runs,
                       with durable commits and without; the backend CPU of each step of a
                       trigger call; the writers' wait events. About 2.5 minutes per run at
                       100,000 calls, 15 minutes for --calls 1000000 --runs 5.
      --readers-under-load
                       Measure instead get_metrics_for_range's reads (one location, 30 days,
                       signed in, a transaction each) for 30 s alone and beside maintenance:
                       4 sessions calling refresh_metrics_daily() and 4 running REFRESH
                       CONCURRENTLY, back to back, and, without maintenance, 3 sessions
                       returning at once and 1 counting calls (refresh strategy); 8 writers
                       alone, with a catch-up every second, and with 4 sessions catching up
                       back to back (incremental strategy, durable commits). About 4 minutes
                       per size.
      --json           Print the results as JSON.
    One mode at most. Without one, the refresh strategy is compared with the story, then the
    incremental strategy measured on the same data in a second cluster: about 35 s for
    --calls 100000 --runs 2, 10 minutes for --calls 1000000,10000000 --runs 3 on 2 cores.
    A run stopped with Ctrl-C stops the PostgreSQL it started.
    """

  init(_ arguments: [String]) throws {
    var rest = arguments[...]
    var runsGiven = false
    while let given = rest.popFirst() {
      // `--calls=1000000` is `--calls 1000000`.
      let parts = given.split(separator: "=", maxSplits: 1).map(String.init)
      let argument = parts[0]
      if parts.count == 2 {
        guard ["--calls", "--runs"].contains(argument) else {
          throw UsageError("'\(argument)' takes no value")
        }
        rest.insert(parts[1], at: rest.startIndex)
      }
      switch argument {
      case "--calls":
        guard let value = rest.popFirst() else { throw UsageError("missing value for '--calls'") }
        let parsed = value.split(separator: ",").map {
          Int($0.replacingOccurrences(of: "_", with: ""))
        }
        guard !parsed.isEmpty, parsed.allSatisfy({ ($0 ?? 0) > 0 }) else {
          throw UsageError("invalid --calls '\(value)'")
        }
        sizes = parsed.map { $0! }
      case "--include-10m": sizes.append(10_000_000)
      case "--include-30m": sizes.append(30_000_000)
      case "--refresh-only": incremental = false
      case "--runs":
        guard let value = rest.popFirst(), let n = Int(value), n > 0 else {
          throw UsageError("--runs takes a positive number")
        }
        runs = n
        runsGiven = true
      case "--json": json = true
      case Mode.deployStall.rawValue, Mode.deployFiles.rawValue, Mode.captureCost.rawValue,
        Mode.liveFallback.rawValue, Mode.replicaWAL.rawValue, Mode.writerLoad.rawValue,
        Mode.readersUnderLoad.rawValue:
        guard mode == .refresh else {
          throw UsageError(
            "'\(argument)' and '\(mode.rawValue)' measure different things: give one")
        }
        mode = Mode(rawValue: argument)!
      case "-h", "--help":
        print(Self.usage)
        exit(0)
      default: throw UsageError("unknown option '\(argument)'")
      }
    }
    if runsGiven && !mode.takesRuns {
      throw UsageError("'\(mode.rawValue)' measures once per size: --runs does not apply")
    }
    if !incremental && mode != .refresh {
      throw UsageError("--refresh-only belongs to the default comparison, not '\(mode.rawValue)'")
    }
  }
}

extension Options.Mode {
  /// Whether the mode repeats its measurement `--runs` times.
  var takesRuns: Bool {
    switch self {
    case .refresh, .captureCost, .liveFallback, .replicaWAL, .writerLoad: true
    case .deployStall, .deployFiles, .readersUnderLoad: false
    }
  }
}

struct UsageError: Error {
  let message: String
  init(_ m: String) { message = m }
}
