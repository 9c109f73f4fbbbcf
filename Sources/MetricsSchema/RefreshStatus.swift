import SQLBuilder

/// What an operator of the refresh strategy asks: how current the metrics are, and whether a
/// refresh is running. `metrics_daily_status()`, as the incremental strategy names its own.
enum RefreshStatus {
  /// `public.metrics_daily_status()`.
  static let function = Function("public", "metrics_daily_status")

  /// `private.metrics_daily_refreshed`: one row, written by each refresh that completes.
  static let table = CreateTable(
    MetricsDailyRefreshed.self, ifNotExists: true,
    derived: .rebuiltBy("the next refresh_metrics_daily()"))

  /// What `refresh_metrics_daily()` records once the view is refreshed: the start of its
  /// transaction, which precedes the refresh's snapshot at every isolation level (in READ
  /// COMMITTED the refresh takes a snapshot of its own; in REPEATABLE READ it reads the
  /// transaction's, taken by its first statement), and how long its statement took.
  static let record: [any PLStatement] = [
    Delete(from: MetricsDailyRefreshed.self) { _, _ in },
    Insert(into: MetricsDailyRefreshed.self) { row in
      row.refreshedAt(now())
      row.took(clockTimestamp() - statementTimestamp())
    },
  ]

  /// `SELECT * FROM public.metrics_daily_status();`: one row, on the primary and on a standby.
  static let createStatus = CreateFunction(
    function, returns: .table(MetricsDailyRefreshStatus.self), volatility: .stable,
    security: .definer, settings: [.emptySearchPath]
  ) { _ in
    ReturnQuery(status)
  }

  /// The last refresh recorded, none while the view is not populated, and any refresh holding
  /// the view now.
  static let status = Select(MetricsDailyRefreshStatus.self) { _, out in
    out.refreshedAt(lastRefresh(\.refreshedAt))
    out.refreshTook(lastRefresh(\.took))
    out.refreshRunning(refreshRunning)
  }

  /// A column of the latest refresh recorded, while the view is populated.
  static func lastRefresh<B: SQLType>(_ column: KeyPath<MetricsDailyRefreshed, Column<B, NotNull>>)
    -> SQLExpression<B, Nullable>
  {
    scalar { q in
      let r = q.from(MetricsDailyRefreshed.self, as: "r")
      q.where(isPopulated(MetricsDaily.self))
      q.orderBy(r.refreshedAt.descending())
      q.limit(1)
      return r[dynamicMember: column]
    }
  }

  /// A session holds the lock a refresh of the view takes.
  static let refreshRunning = exists { q in
    let l = q.from(PGLocks.self, as: "l")
    q.where(
      l.locktype == "relation" && l.relation == regclass(MetricsDaily.self).oid
        && l.mode.in(["ExclusiveLock", "AccessExclusiveLock"]) && l.granted)
  }

  /// Only the owner and `service_role` read the status.
  static let privileges: [any SQLStatement] = [
    Revoke(.all, on: .function(function), from: .public, .anon, .authenticated),
    Grant(.execute, on: .function(function), to: .serviceRole),
  ]
}

/// `private.metrics_daily_refreshed`: the last refresh `refresh_metrics_daily()` completed.
struct MetricsDailyRefreshed: Relation {
  static let qualifiedName = QualifiedName("private", "metrics_daily_refreshed")
  /// When the refresh's transaction started: every write committed before is counted.
  let refreshedAt = Column<PG.TimestampTZ, NotNull>("refreshed_at")
  /// How long the refresh took.
  let took = Column<PG.Interval, NotNull>("took")
}

/// The one row the refresh strategy's `metrics_daily_status()` returns.
struct MetricsDailyRefreshStatus: Relation {
  static let qualifiedName = QualifiedName("metrics_daily_status")
  /// The metrics count every write committed before this instant: the start of the transaction
  /// of the last refresh `refresh_metrics_daily()` completed. NULL before the first, or while
  /// the view is not populated.
  let refreshedAt = Column<PG.TimestampTZ, Nullable>("refreshed_at")
  /// How long that refresh took.
  let refreshTook = Column<PG.Interval, Nullable>("refresh_took")
  /// A refresh holds the view now: on the primary; a standby sees only a plain refresh's lock.
  let refreshRunning = Column<PG.Boolean, NotNull>("refresh_running")
}
