import SQLBuilder

// The tables of the incremental strategy. The totals are derived data: a rebuild computes them
// again from the sources. The change logs hold what writers did since the last catch-up, as
// rows shaped like the base tables, so the fact views' declarations (`FactTable.fact`) read them.

/// `private.metrics_daily_totals`: per key, the totals that do not depend on the settings, the
/// rows of `daily_totals` (`DailyTotals`).
struct MetricsDailyTotals: ShapedRelation {
  typealias Shape = DailyTotals
  static let qualifiedName = QualifiedName("private", "metrics_daily_totals")
}

/// `private.metrics_<kind>_changes`, `metrics_call_changes`: the rows of `Table` written since
/// the last catch-up, `sign` 1 for a row as it now is and -1 for a row as it was, with the
/// columns `Table` declares.
public struct FactChangeLog<Table: FactTable>: ShapedRelation {
  public typealias Shape = Table
  public static var qualifiedName: QualifiedName {
    QualifiedName("private", "metrics_\(Table.Fact.kind)_changes")
  }
  public let sign = Column<PG.SmallInt, NotNull>("sign")
  /// When the writer's statement ran.
  public let loggedAt = Column<PG.TimestampTZ, NotNull>("logged_at", default: now())
  public init() {}
}

/// `private.metrics_applied_locations`: each location's account and zone as the totals count
/// them; a catch-up brings a changed location up to date.
public struct MetricsAppliedLocations: LocationRows {
  public static let qualifiedName = QualifiedName("private", "metrics_applied_locations")
  public let locationID = Column<PG.UUID, NotNull>("location_id")
  public let accountID = Column<PG.UUID, NotNull>("account_id")
  /// The zone as PostgreSQL lists it, or NULL when the location's names none.
  public let timeZone = Column<PG.Text, Nullable>("time_zone")
  public init() {}
}

/// `private.metrics_applied_accounts`: each account's zone as the totals count it.
public struct MetricsAppliedAccounts: Relation {
  public static let qualifiedName = QualifiedName("private", "metrics_applied_accounts")
  public let accountID = Column<PG.UUID, NotNull>("account_id")
  public let timeZone = Column<PG.Text, Nullable>("time_zone")
  public init() {}
}

/// `private.metrics_attribution_changes`: locations and accounts written since the last
/// catch-up, whose facts may count for another account or date now.
public struct MetricsAttributionChanges: Relation {
  public static let qualifiedName = QualifiedName("private", "metrics_attribution_changes")
  public let locationID = Column<PG.UUID, Nullable>("location_id")
  public let accountID = Column<PG.UUID, Nullable>("account_id")
  /// When the writer's statement ran.
  public let loggedAt = Column<PG.TimestampTZ, NotNull>("logged_at", default: now())
  public init() {}
}

/// `private.metrics_rebuild_requests`: set by a TRUNCATE of a source table, or by a capture
/// trigger that could not log a write; the next catch-up rebuilds instead.
public struct MetricsRebuildRequests: Relation {
  public static let qualifiedName = QualifiedName("private", "metrics_rebuild_requests")
  public let requestedAt = Column<PG.TimestampTZ, NotNull>("requested_at")
  /// Why: `TRUNCATE of public.calls`, or the error a capture trigger caught.
  public let reason = Column<PG.Text, Nullable>("reason")
  public init() {}
}

/// `private.metrics_log_sentinel`: one row, written by the rebuild, in an unlogged table like
/// the logs. Crash recovery, a replica's promotion and a point-in-time restore empty every
/// unlogged table: a missing sentinel says the logs may have lost changes, and the next
/// catch-up rebuilds.
public struct MetricsLogSentinel: Relation {
  public static let qualifiedName = QualifiedName("private", "metrics_log_sentinel")
  public let rebuiltAt = Column<PG.TimestampTZ, NotNull>("rebuilt_at")
  public init() {}
}

/// `private.metrics_totals_built`: one row once a rebuild has computed the totals, in a logged
/// table, so replicas read it too. Until then `mv_metrics_daily` computes its rows from the
/// sources, as the refresh strategy's query does: after a switch of strategies readers see
/// every row, never an empty view.
public struct MetricsTotalsBuilt: Relation {
  public static let qualifiedName = QualifiedName("private", "metrics_totals_built")
  public let builtAt = Column<PG.TimestampTZ, NotNull>("built_at")
  public init() {}
}
