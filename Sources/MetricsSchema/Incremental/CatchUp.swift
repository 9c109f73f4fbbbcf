import SQLBuilder

/// The incremental strategy's catch-up: one statement that takes what writers logged and adds
/// it to `metrics_daily_totals`, and, for locations and accounts that changed, moves their
/// facts to the account and date they count for now.
///
/// Every logged change is dated under the attribution the totals were built with
/// (`metrics_applied_locations` and `…_accounts`); the facts of a changed location or account
/// then count once more under the attribution of now and once less under the applied one, and
/// the applied attribution becomes today's. All of it reads one snapshot, so a writer that
/// commits meanwhile is simply left for the next catch-up, whatever zone it saw.
enum CatchUp<S: SourceSchema> {
  /// The columns a catch-up adds up, as `daily_totals` and `metrics_daily_totals` both name
  /// them: every column but the key. A metric column is added here as well as to both.
  static var counts:
    [(
      KeyPath<DailyTotals, Column<PG.BigInt, NotNull>>,
      KeyPath<MetricsDailyTotals, Column<PG.BigInt, NotNull>>
    )]
  {
    [
      (\.facts, \.facts), (\.totalCalls, \.totalCalls), (\.ordersCount, \.ordersCount),
      (\.reservationsCount, \.reservationsCount), (\.completedCalls, \.completedCalls),
      (\.estimateGuests, \.estimateGuests),
    ]
  }
  static var cents:
    [(
      KeyPath<DailyTotals, Column<PG.DoublePrecision, NotNull>>,
      KeyPath<MetricsDailyTotals, Column<PG.DoublePrecision, NotNull>>
    )]
  {
    [(\.orderCents, \.orderCents), (\.overrideCents, \.overrideCents)]
  }

  /// The facts `inputs` reads, totalled per key; negated to take them away.
  static func totals(_ inputs: FactInputs, negated: Bool = false) -> Select<DailyTotals> {
    let totals = MetricsView.dailyTotals { $0.from(MetricsView.dailyFacts(inputs), as: "f") }
    guard negated else { return totals }
    return Select(DailyTotals.self) { q, out in
      let t = q.from(totals, as: "t")
      let none = SQLExpression<PG.BigInt, NotNull>.constant(0)
      let noCents = SQLExpression<PG.DoublePrecision, NotNull>.constant(0)
      for (column, _) in counts { out[dynamicMember: column](none - t[dynamicMember: column]) }
      for (column, _) in cents { out[dynamicMember: column](noCents - t[dynamicMember: column]) }
      out.columns(of: t)
    }
  }

  /// The facts of the three base tables' rows named `Name`, read as their views with `L`'s
  /// locations and `zones`' zones.
  static func inputs<Name: FactRowsName, L: LocationRows>(
    _: Name.Type, locations _: L.Type, zones: ZoneLookup
  ) -> FactInputs {
    FactInputs(
      calls: { $0.from(view(S.Calls.self, Name.self, L.self), as: "c") },
      orders: { $0.from(view(S.Orders.self, Name.self, L.self), as: "o") },
      reservations: { $0.from(view(S.Reservations.self, Name.self, L.self), as: "r") },
      zones: zones)
  }

  /// `T`'s rows named `Name`, read as `T`'s view dated as the totals are, and no other facts.
  static func inputs<T: FactTable, Name: FactRowsName>(_: T.Type, _: Name.Type) -> FactInputs {
    var inputs = inputs(Name.self, locations: MetricsAppliedLocations.self, zones: .applied)
    if T.Fact.self != CallsV.self { inputs.calls = nil }
    if T.Fact.self != OrdersV.self { inputs.orders = nil }
    if T.Fact.self != ReservationsV.self { inputs.reservations = nil }
    return inputs
  }

  /// `T`'s view over its rows named `Name`, with `L`'s locations.
  static func view<T: FactTable, Name: FactRowsName, L: LocationRows>(
    _: T.Type, _: Name.Type, _: L.Type
  ) -> Select<T.Fact> {
    FactSources.view(T.self, reading: Named<Name, T>.self, locations: L.self)
  }

  /// The logged rows as they now are, and as they were, dated as the totals are.
  static var logged: [Select<DailyTotals>] {
    [
      totals(inputs(Added.self, locations: MetricsAppliedLocations.self, zones: .applied)),
      totals(
        inputs(Removed.self, locations: MetricsAppliedLocations.self, zones: .applied),
        negated: true),
    ]
  }

  /// The facts of relocated locations and rezoned accounts, counted as they count now and
  /// taken away as the totals counted them.
  static var moved: [Select<DailyTotals>] {
    [
      totals(inputs(Relocated.self, locations: Locations.self, zones: .listed)),
      totals(
        inputs(Relocated.self, locations: MetricsAppliedLocations.self, zones: .applied),
        negated: true),
    ]
  }

  /// The change per key of `parts`, leaving out keys that do not change.
  static func delta(_ parts: [Select<DailyTotals>]) -> Select<MetricsDailyTotals> {
    let all = parts.dropFirst().reduce(parts[0]) { $0.unionAll($1) }
    return Select(MetricsDailyTotals.self) { q, out in
      let d = q.from(all, as: "d")
      q.groupBy(d.accountID, d.locationID, d.date)
      let zero = SQLExpression<PG.Numeric, NotNull>.constant(0)
      let noCents = SQLExpression<PG.DoublePrecision, NotNull>.constant(0)
      var changes: [SQLExpression<PG.Boolean, Nullable>] = []
      for (summed, column) in counts {
        let total = sum(d[dynamicMember: summed])
        changes.append(total != zero)
        out[dynamicMember: column](coalesce(total, zero).cast(to: PG.BigInt.self))
      }
      for (summed, column) in cents {
        let total = sum(d[dynamicMember: summed])
        changes.append(total != noCents)
        out[dynamicMember: column](coalesce(total, noCents))
      }
      q.having(changes.dropFirst().reduce(changes[0]) { $0 || $1 })
      out.columns(of: d)
    }
  }

  /// Adds `delta` to the totals, key by key.
  static func add(_ delta: Select<MetricsDailyTotals>) -> Insert<MetricsDailyTotals> {
    Insert(into: MetricsDailyTotals.self, delta)
      .onConflict(\.accountID, \.locationID, \.date) { set, t, change in
        for (_, column) in counts {
          set[dynamicMember: column](t[dynamicMember: column] + change[dynamicMember: column])
        }
        for (_, column) in cents {
          set[dynamicMember: column](t[dynamicMember: column] + change[dynamicMember: column])
        }
      }
  }
}
