import SQLBuilder

/// What an operator of the incremental strategy asks: how far behind the metrics are, and
/// whether the totals still equal a recomputation.
enum Operability {
  /// `public.metrics_daily_status()`.
  static let statusFunction = Function("public", "metrics_daily_status")
  /// `public.metrics_daily_drift()`.
  static let driftFunction = Function("public", "metrics_daily_drift")

  /// The one row `metrics_daily_status()` returns.
  struct Status: Relation {
    static let qualifiedName = QualifiedName("metrics_daily_status")
    /// Logged writes and changed locations or accounts the next catch-up will count.
    let pendingChanges = Column<PG.BigInt, NotNull>("pending_changes")
    /// When the oldest of them was written: the metrics are current up to then. NULL when
    /// nothing is pending.
    let oldestPendingChange = Column<PG.TimestampTZ, Nullable>("oldest_pending_change")
    /// The next catch-up rebuilds: a TRUNCATE asked for it, or the logs were emptied by a
    /// crash, a failover or a restore.
    let rebuildDue = Column<PG.Boolean, NotNull>("rebuild_due")
  }

  static func pending<R: Relation>(
    _: R.Type, _ loggedAt: KeyPath<R, Column<PG.TimestampTZ, NotNull>>
  ) -> (count: SQLExpression<PG.BigInt, NotNull>, oldest: SQLExpression<PG.TimestampTZ, Nullable>) {
    let rows = scalar { q -> SQLExpression<PG.BigInt, NotNull> in
      _ = q.from(R.self, as: "x")
      return SQLBuilder.count()
    }.assumingNotNull
    let oldest = scalar { q in min(q.from(R.self, as: "x")[dynamicMember: loggedAt]) }
    return (rows, oldest)
  }

  static let createStatus = CreateFunction(
    statusFunction, returnsTable: Status.self, volatility: .stable, security: .definer,
    settings: [.emptySearchPath]
  ) { _ in
    Select(Status.self) { q, out in
      let calls = pending(MetricsCallChanges.self, \.loggedAt)
      let orders = pending(MetricsOrderChanges.self, \.loggedAt)
      let reservations = pending(MetricsReservationChanges.self, \.loggedAt)
      let attribution = pending(MetricsAttributionChanges.self, \.loggedAt)
      out.pendingChanges(calls.count + orders.count + reservations.count + attribution.count)
      out.oldestPendingChange(
        least(calls.oldest, orders.oldest, reservations.oldest, attribution.oldest))
      out.rebuildDue(
        exists { q in _ = q.from(MetricsRebuildRequests.self, as: "r") }
          || notExists { q in _ = q.from(MetricsLogSentinel.self, as: "s") })
    }
  }

  /// The keys whose totals differ from a recomputation from the sources, counted both ways:
  /// 0 unless writes went uncaptured (a capture trigger disabled, rows restored around the
  /// triggers). Pending changes count too, so catch up first. As costly as a refresh.
  static let createDrift = CreateFunction(
    driftFunction, returns: PG.BigInt.self, volatility: .stable, security: .definer,
    settings: [.emptySearchPath] + RefreshMachinery.refreshSettings
  ) { _ in
    scalar { q -> SQLExpression<PG.BigInt, NotNull> in
      _ = q.from(
        with {
          MetricsView.locationZones
          MetricsView.accountZones
          MetricsView.dailyFacts
        } select: {
          IncrementalMachinery.recomputedTotals.except(stored)
            .unionAll(stored.except(IncrementalMachinery.recomputedTotals))
        }, as: "d")
      return SQLBuilder.count()
    }.assumingNotNull
  }

  static let stored = Select(MetricsDailyTotals.self) { q, out in
    out.columns(of: q.from(MetricsDailyTotals.self, as: "t"))
  }
}
