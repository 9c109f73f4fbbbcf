import SQLBuilder

/// What an operator of the incremental strategy asks: how far behind the metrics are, and
/// whether the totals still equal a recomputation.
enum Operability<S: SourceSchema> {
  /// `public.metrics_daily_status()`.
  static var statusFunction: Function<NoParameters> { Function("public", "metrics_daily_status") }
  /// `public.metrics_daily_drift()`.
  static var driftFunction: Function<NoParameters> { Function("public", "metrics_daily_drift") }

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

  static var createStatus: CreateFunction {
    CreateFunction(
      statusFunction, returns: .table(MetricsDailyStatus.self), volatility: .stable,
      security: .definer, settings: [.emptySearchPath]
    ) { _ in
      PrimaryOnly.check(
        statusFunction,
        "it counts the change logs, unlogged tables that only the primary has; ask the primary")
      ExceptionBlock(catching: .undefinedTable, .undefinedColumn) {
        ReturnQuery(status)
      } handler: {
        ReturnQuery(logsBroken)
      }
    }
  }

  /// Counts what the logs hold.
  static var status: Select<MetricsDailyStatus> {
    Select(MetricsDailyStatus.self) { q, out in
      let calls = pending(FactChangeLog<S.Calls>.self, \.loggedAt)
      let orders = pending(FactChangeLog<S.Orders>.self, \.loggedAt)
      let reservations = pending(FactChangeLog<S.Reservations>.self, \.loggedAt)
      let attribution = pending(MetricsAttributionChanges.self, \.loggedAt)
      out.pendingChanges(calls.count + orders.count + reservations.count + attribution.count)
      out.oldestPendingChange(
        least(calls.oldest, orders.oldest, reservations.oldest, attribution.oldest))
      let logsEmptied = notExists { q in _ = q.from(MetricsLogSentinel.self, as: "s") }
      out.rebuildDue(
        exists { q in _ = q.from(MetricsRebuildRequests.self, as: "r") } || logsEmptied)
      let latestReason = scalar { q in
        let r = q.from(MetricsRebuildRequests.self, as: "r")
        q.orderBy(r.requestedAt.descending())
        q.limit(1)
        return coalesce(r.reason, .text("a rebuild was asked for"))
      }
      out.rebuildReason(
        Case(else: latestReason) {
          When(
            logsEmptied,
            then: SQLExpression<PG.Text, NotNull>.text(
              "the change logs were emptied or created: a deploy that made them, a crash, a failover or a restore"
            ).nullable)
        })
    }
  }

  /// What status says when a log is missing or altered: nothing can be counted, and the
  /// catch-up fails until `schema.sql` is applied again.
  static var logsBroken: Select<MetricsDailyStatus> {
    Select(MetricsDailyStatus.self) { _, out in
      out.pendingChanges(.constant(0))
      out.oldestPendingChange(.null)
      out.rebuildDue(true)
      out.rebuildReason(
        .text("a change log is missing or altered (") ++ sqlErrorMessage
          ++ .text("): apply schema.sql again, and the next catch-up rebuilds"))
    }
  }

  /// The keys whose totals differ from a recomputation from the sources, counted both ways:
  /// 0 unless writes went uncaptured (a capture trigger disabled, rows restored around the
  /// triggers). Pending changes count too, so catch up first. As costly as a refresh.
  static var createDrift: CreateFunction {
    CreateFunction(
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
            IncrementalMachinery<S>.recomputedTotals.except(stored)
              .unionAll(stored.except(IncrementalMachinery<S>.recomputedTotals))
          }, as: "d")
        return SQLBuilder.count()
      }.assumingNotNull
    }
  }

  static var stored: Select<MetricsDailyTotals> {
    Select(MetricsDailyTotals.self) { q, out in
      out.columns(of: q.from(MetricsDailyTotals.self, as: "t"))
    }
  }
}

/// The one row `metrics_daily_status()` returns.
struct MetricsDailyStatus: Relation {
  static let qualifiedName = QualifiedName("metrics_daily_status")
  /// Logged writes and changed locations or accounts the next catch-up will count.
  let pendingChanges = Column<PG.BigInt, NotNull>("pending_changes")
  /// When the oldest of them was written: the metrics are current up to then. NULL when
  /// nothing is pending.
  let oldestPendingChange = Column<PG.TimestampTZ, Nullable>("oldest_pending_change")
  /// The next catch-up rebuilds: a TRUNCATE or a capture trigger that could not log asked
  /// for it, or the logs were emptied by a crash, a failover or a restore.
  let rebuildDue = Column<PG.Boolean, NotNull>("rebuild_due")
  /// Why, when it is due: the latest request's reason, or that the logs were emptied.
  let rebuildReason = Column<PG.Text, Nullable>("rebuild_reason")
}
