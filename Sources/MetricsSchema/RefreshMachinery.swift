import SQLBuilder

/// `refresh_metrics_daily()` and the pg_cron job that calls it; contract section 3.
public enum RefreshMachinery {
  /// `public.refresh_metrics_daily()`.
  public static let function = Function("public", "refresh_metrics_daily")
  /// The pg_cron job's name.
  public static let jobName = "refresh-metrics-daily"
  /// Every five minutes.
  public static let schedule = "*/5 * * * *"
  /// How the refresh runs, within Supabase's smallest instance (1 GB of RAM): each sort or hash
  /// table of the refresh gets at most 32 MB and 64 MB, so with the leader's two aggregates and
  /// two parallel workers the refresh holds at most 256 MB of them, and spills to disk beyond.
  /// The daily rows fit easily, and the totals are hashed whatever PostgreSQL guesses of how
  /// many days the facts fall into (``MetricsView``'s `dailyTotals`). No JIT: its compiling
  /// costs more than it saves on this query.
  public static let refreshSettings = [
    FunctionSetting("work_mem", "32MB"), FunctionSetting("hash_mem_multiplier", "2"),
    FunctionSetting("jit", "off"),
  ]

  /// The advisory lock key that serialises refreshes: a stable hash of the view's name.
  public static let lockKey: Int64 = {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in MetricsDaily.qualifiedName.rendered.utf8 {
      hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
    }
    return Int64(bitPattern: hash >> 1)
  }()

  /// Refreshes the view without blocking readers, unless another refresh is running.
  public static let createFunction = CreateFunction(
    function, returns: .void, security: .definer, settings: [.emptySearchPath] + refreshSettings
  ) { _ in body }

  /// The function's body: returns at once while another refresh runs, reads the zones'
  /// offsets again when they may be stale (``ZoneOffsets``), refreshes concurrently once the
  /// view is populated and plainly before, and records when (``RefreshStatus``). A zone name
  /// the cached list holds and PostgreSQL no longer knows (its time zone data changed) fails
  /// `AT TIME ZONE` with 22023: then the list is read again, which drops that name, and the
  /// refresh runs once more, so its places fall back like any unknown zone. Any other 22023
  /// fails the second attempt too.
  static let body: [any PLStatement] =
    [
      PrimaryOnly.check(function, PrimaryOnly.writesTheMetrics),
      returnWhileAnotherCallRuns,
      Declare(sessionsHoldingTheView),
      Assign(sessionsHoldingTheView, sessionsHoldingTheViewNow),
      If(sessionsHoldingTheView.value.isNotNull) {
        Raise(
          .notice,
          "sessions holding a lock on \(MetricsDaily.qualifiedName.rendered) that a refresh waits for, %: \(returnsWithoutRefreshing)",
          sessionsHoldingTheView.value)
        Return()
      },
      ExceptionBlock(catching: .invalidParameterValue) {
        ZoneOffsets.readAgainWhenStale
        refreshView
      } handler: {
        listZonesAgain
        ZoneOffsets.readAgain
        refreshView
      },
    ] + RefreshStatus.record

  /// After `AT TIME ZONE` failed on a listed name: says so, and lists the zones again.
  static let listZonesAgain: [any PLStatement] = [
    Raise(
      .warning,
      "a time zone listed in public.metrics_time_zone_names is not recognized: listing the zones again"
    ),
    RefreshMaterializedView(MetricsTimeZoneNames.self, concurrently: false),
  ]

  /// Concurrently once the view is populated, plainly before.
  static let refreshView = refreshWithoutBlockingReaders(MetricsDaily.self)

  /// How a call that returns at once ends its notice; the benchmark looks for it.
  public static let returnsWithoutRefreshing = "this call returns without refreshing"

  /// Returns at once, saying so, while another refresh (or, in the incremental strategy, a
  /// catch-up or a rebuild) holds the refreshes' advisory lock.
  static let returnWhileAnotherCallRuns = If(!tryAdvisoryXactLock(.constant(lockKey))) {
    Raise(
      .notice,
      "another refresh of \(MetricsDaily.qualifiedName.rendered) holds the refreshes' advisory lock: \(returnsWithoutRefreshing)"
    )
    Return()
  }

  /// The sessions whose lock on the view, as a refresh started outside this function holds,
  /// conflicts with ours, as `pid (backend type, lock mode)`; NULL when there are none. Read
  /// once, so the check and the notice agree.
  static let sessionsHoldingTheView = Variable<PG.Text>("holding_sessions")

  static let sessionsHoldingTheViewNow = scalar { q in
    let l = q.from(PGLocks.self, as: "l")
    let a = q.leftJoin(PGStatActivity.self, as: "a") { $0.pid == l.pid }
    q.where(holdsTheView(l))
    return stringAgg(
      l.pid.cast(to: PG.Text.self) ++ " (" ++ coalesce(a.backendType, "?") ++ ", " ++ l.mode
        ++ ")", separator: ", ", orderBy: l.pid)
  }

  /// Whether the lock `l` is another session's exclusive lock on the view, as a refresh holds.
  static func holdsTheView(_ l: Source<PGLocks>) -> SQLExpression<PG.Boolean, Nullable> {
    l.locktype == "relation" && l.relation == regclass(MetricsDaily.self).oid
      && l.mode.in(["ExclusiveLock", "AccessExclusiveLock"]) && l.granted
      && l.pid != backendPID()
  }

  /// Only the owner and `service_role` may run a refresh; Supabase exposes public functions.
  public static let privileges: [any SQLStatement] = [
    Revoke(.all, on: .function(function), from: .public, .anon, .authenticated),
    Grant(.execute, on: .function(function), to: .serviceRole),
  ]

  /// The pg_cron job; scheduling by name replaces an existing job of that name.
  public static let cronJob = CronSchedule(
    jobName, schedule: schedule, command: SelectFunction(function))

  /// How long the refresh job's run history is kept; pg_cron itself never deletes it (288 rows
  /// a day at every five minutes).
  public static let historyDays = 7

  /// The job that keeps the refresh job's history to ``historyDays`` days, daily at 03:27.
  public static let historyRetentionJob = CronSchedule(
    "\(jobName)-history", schedule: "27 3 * * *",
    command: Delete(from: CronJobRunDetails.self, as: "d") { q, d in
      q.where(
        d.endTime < now() - interval(days: historyDays)
          && d.jobid.in { sub in
            let j = sub.from(CronJob.self, as: "j")
            sub.where(j.jobname == .text(jobName))
            return j.jobid
          })
    })
}
